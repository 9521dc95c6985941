/** One observation of an operation's progress, in server time. */
export interface ProgressSample {
  /** When the percent was reached, ms since the Unix epoch. */
  at: number;
  /** 0–100. */
  percent: number;
}

/** What {@link estimateTimeLeft} works from. */
export interface TimeLeftInput {
  /** Observed progress, oldest first. */
  samples: readonly ProgressSample[];
  /** When the operation started, ms since the Unix epoch. */
  startedAt: number;
  /** The job's own estimate of its whole duration, when it gave one. */
  estimatedDurationMs?: number | null | undefined;
  /** The current time on the same clock as the samples. */
  now: number;
}

/** How many recent samples the observed rate is taken over. */
export const TIME_LEFT_WINDOW = 8;

/**
 * Estimates the milliseconds an operation still needs, or `null` when
 * nothing is known yet.
 *
 * The observed rate is the progress made over the last few samples since the
 * percent last went down (a new stage restarting at 0 starts a new window).
 * When the job declared `estimatedDurationMs`, the two are blended: early on
 * the declared estimate weighs most, near the end the observed rate does.
 * The result counts down between samples and never goes below 0.
 */
export function estimateTimeLeft(input: TimeLeftInput): number | null {
  const { now, startedAt } = input;
  const { window, restarted } = recentWindow(input.samples);
  const last = window.at(-1);
  if (last !== undefined && last.percent >= 100) return 0;

  const declared =
    typeof input.estimatedDurationMs === 'number' && Number.isFinite(input.estimatedDurationMs)
      ? Math.max(0, startedAt + input.estimatedDurationMs - now)
      : null;
  const observed =
    last === undefined ? null : observedTimeLeft(window, last, restarted ? null : startedAt, now);

  if (observed === null) return declared;
  if (declared === null || last === undefined) return observed;
  const weight = last.percent / 100;
  return Math.round(weight * observed + (1 - weight) * declared);
}

function recentWindow(samples: readonly ProgressSample[]): {
  window: ProgressSample[];
  restarted: boolean;
} {
  let start = 0;
  for (let i = 1; i < samples.length; i += 1) {
    const current = samples[i] as ProgressSample;
    const previous = samples[i - 1] as ProgressSample;
    if (current.percent < previous.percent) start = i;
  }
  return {
    window: samples.slice(Math.max(start, samples.length - TIME_LEFT_WINDOW)),
    restarted: start > 0,
  };
}

function observedTimeLeft(
  window: readonly ProgressSample[],
  last: ProgressSample,
  startedAt: number | null,
  now: number,
): number | null {
  const first = window[0] as ProgressSample;
  // Without earlier progress in the window, the start (percent 0 at `startedAt`) is the reference,
  // unless the percent went down since: then the start says nothing about the current pace.
  const from =
    first.percent === last.percent && startedAt !== null ? { at: startedAt, percent: 0 } : first;
  const gained = last.percent - from.percent;
  const elapsed = last.at - from.at;
  if (gained <= 0 || elapsed <= 0) return null;
  const remainingAtLast = ((100 - last.percent) * elapsed) / gained;
  return Math.max(0, Math.round(remainingAtLast - Math.max(0, now - last.at)));
}
