/**
 * Runs `flush` once, a little later. The hooks hand every store change to a
 * scheduler, so changes that arrive between two runs render together.
 *
 * @example
 * // Render on every change, without waiting for a frame:
 * const immediate: RenderScheduler = (flush) => queueMicrotask(flush);
 */
export type RenderScheduler = (flush: () => void) => void;

/** How long to wait for an animation frame before running anyway (a background tab has none). */
const FRAME_FALLBACK_MS = 100;

/** The delay where there is no `requestAnimationFrame` at all: about one frame at 60 Hz. */
const NO_FRAME_DELAY_MS = 16;

/**
 * The default scheduler: the next animation frame, so however many events
 * arrive between two frames, the hooks render once per frame. Where frames do
 * not run (a background tab) a 100 ms timer runs it instead; without
 * `requestAnimationFrame` (Node, tests without a DOM) a 16 ms timer does.
 */
export const frameScheduler: RenderScheduler = (flush) => {
  const hasFrames = typeof requestAnimationFrame === 'function';
  let frame: number | undefined;
  let ran = false;
  const run = () => {
    if (ran) return;
    ran = true;
    clearTimeout(timer);
    if (frame !== undefined) cancelAnimationFrame(frame);
    flush();
  };
  const timer = setTimeout(run, hasFrames ? FRAME_FALLBACK_MS : NO_FRAME_DELAY_MS);
  if (hasFrames) frame = requestAnimationFrame(run);
};
