import type { ServerResponse } from 'node:http';
import type { WireErrorCode } from '@opwire/protocol';

/** What a route answers: JSON, or text of a given type (metrics). */
export type HttpAnswer =
  | { status: number; json: unknown; headers?: Record<string, string> }
  | { status: number; text: string; type: string };

const STATUS: Record<WireErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  invalid_request: 400,
  not_found: 404,
  rate_limited: 429,
  conflict: 409,
  unsupported_version: 400,
  unavailable: 503,
  internal: 500,
};

/** An error answer, `{ error: { code, message } }` with the code's status. */
export function problem(
  code: WireErrorCode,
  message: string,
  headers?: Record<string, string>,
): HttpAnswer {
  return {
    status: STATUS[code],
    json: { error: { code, message } },
    ...(headers ? { headers } : {}),
  };
}

export function send(res: ServerResponse, answer: HttpAnswer): void {
  if (res.headersSent) return;
  res.statusCode = answer.status;
  res.setHeader('cache-control', 'no-store');
  if ('text' in answer) {
    res.setHeader('content-type', answer.type);
    res.end(answer.text);
    return;
  }
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(answer.json));
}
