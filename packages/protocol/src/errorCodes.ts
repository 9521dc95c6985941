/**
 * Codes a server may put in a failed acknowledgement or a connect error.
 * The set is closed: a client can switch on it exhaustively.
 */
export const WIRE_ERROR_CODES = [
  'unauthorized',
  'forbidden',
  'invalid_request',
  'not_found',
  'rate_limited',
  'conflict',
  'unsupported_version',
  'unavailable',
  'internal',
] as const;

/** A code a server may send: one of {@link WIRE_ERROR_CODES}. */
export type WireErrorCode = (typeof WIRE_ERROR_CODES)[number];

/**
 * Codes raised locally by the SDKs, never sent over the wire. `not_owner` is
 * the server's: a report on an operation this process does not run (a
 * follower handle, or a run whose lease another process took over).
 */
export const LOCAL_ERROR_CODES = [
  'invalid_option',
  'invalid_payload',
  'timeout',
  'disconnected',
  'closed',
  'operation_failed',
  'operation_cancelled',
  'not_owner',
] as const;

/** A code the SDKs raise locally: one of {@link LOCAL_ERROR_CODES}. */
export type LocalErrorCode = (typeof LOCAL_ERROR_CODES)[number];

/** Every code an {@link OpwireError} can carry: wire codes and local ones. */
export type OpwireErrorCode = WireErrorCode | LocalErrorCode;

const wireCodes: ReadonlySet<string> = new Set(WIRE_ERROR_CODES);
const allCodes: ReadonlySet<string> = new Set([...WIRE_ERROR_CODES, ...LOCAL_ERROR_CODES]);

/** Whether `value` is one of the {@link WIRE_ERROR_CODES}. */
export function isWireErrorCode(value: unknown): value is WireErrorCode {
  return typeof value === 'string' && wireCodes.has(value);
}

/** Whether `value` is a wire or a local error code. */
export function isOpwireErrorCode(value: unknown): value is OpwireErrorCode {
  return typeof value === 'string' && allCodes.has(value);
}
