import type { ServerResponse } from 'node:http';
import { PROTOCOL_VERSION, type WireErrorCode } from '@opwire/protocol';

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

/**
 * The header every answer of opwire's HTTP API carries, with the protocol
 * version: an answer without it came from another handler of the app (a
 * catch-all, static files or Swagger UI mounted before opwire).
 */
export const OPWIRE_API_HEADER = 'opwire-api';

/** The headers every answer carries, whichever framework sends it. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  [OPWIRE_API_HEADER]: String(PROTOCOL_VERSION),
};

export function send(res: ServerResponse, answer: HttpAnswer): void {
  if (res.headersSent) return;
  res.statusCode = answer.status;
  for (const [name, value] of Object.entries(COMMON_HEADERS)) res.setHeader(name, value);
  if ('text' in answer) {
    res.setHeader('content-type', answer.type);
    res.end(answer.text);
    return;
  }
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(answer.json));
}
