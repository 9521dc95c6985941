import type { IncomingMessage } from 'node:http';

/** Largest request body read, in bytes: a cancel `reason` of 500 characters fits. */
export const MAX_BODY_BYTES = 4 * 1024;

export type BodyResult = { ok: true; body: unknown } | { ok: false; problem: string };

/**
 * The request's JSON body, `undefined` when there is none. A body a framework
 * already parsed (`req.body`, as Express's `express.json()` and Nest leave it)
 * is used as it is; otherwise the stream is read, up to {@link MAX_BODY_BYTES}.
 * A stream another layer already consumed reads as no body.
 */
export async function readJsonBody(req: IncomingMessage): Promise<BodyResult> {
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  if (parsed !== undefined) return { ok: true, body: parsed };
  if (req.readableEnded) return { ok: true, body: undefined };
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    return tooLarge();
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      // Answer now; the rest is read and thrown away, not kept.
      req.off('data', onData);
      req.resume();
      resolve(tooLarge());
    };
    req.on('data', onData);
    req.once('end', () => resolve(parse(Buffer.concat(chunks).toString('utf8'))));
    req.once('error', () => resolve({ ok: false, problem: 'the body could not be read' }));
  });
}

function parse(text: string): BodyResult {
  if (text.trim() === '') return { ok: true, body: undefined };
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return { ok: false, problem: 'the body is not JSON' };
  }
}

function tooLarge(): BodyResult {
  return { ok: false, problem: `the body is larger than ${MAX_BODY_BYTES} bytes` };
}
