import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';

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
  return readJsonStream(req, req.headers['content-length']);
}

/**
 * A JSON body read from a stream (a request, or what a framework's hooks made
 * of it), up to {@link MAX_BODY_BYTES}; `declaredLength` is its
 * `Content-Length`, if any. An empty body is `undefined`.
 */
export async function readJsonStream(
  stream: Readable,
  declaredLength: string | undefined,
): Promise<BodyResult> {
  if (stream.readableEnded) return { ok: true, body: undefined };
  if (Number(declaredLength ?? 0) > MAX_BODY_BYTES) {
    stream.resume();
    return tooLarge();
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      // Answer now; the rest is read and thrown away, not kept.
      stream.off('data', onData);
      stream.resume();
      resolve(tooLarge());
    };
    stream.on('data', onData);
    stream.once('end', () => resolve(parse(Buffer.concat(chunks).toString('utf8'))));
    stream.once('error', () => resolve({ ok: false, problem: 'the body could not be read' }));
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
