import { isOpwireErrorCode, type OpwireErrorCode } from './errorCodes.js';

export interface OpwireErrorOptions {
  cause?: unknown;
  /** Extra, safe-to-show data, such as the operation id a failure belongs to. */
  details?: Readonly<Record<string, unknown>>;
}

/**
 * The one error type opwire throws or rejects with. Switch on `code`; the
 * message says what happened and what to do about it.
 */
export class OpwireError extends Error {
  override readonly name = 'OpwireError';
  readonly code: OpwireErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: OpwireErrorCode, message: string, options: OpwireErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details;
  }

  /** Wraps anything thrown into an `OpwireError`, keeping an existing one as is. */
  static from(value: unknown, fallbackCode: OpwireErrorCode = 'internal'): OpwireError {
    if (value instanceof OpwireError) return value;
    if (isErrorLike(value)) {
      const code = isOpwireErrorCode(value.code) ? value.code : fallbackCode;
      return new OpwireError(code, value.message, { cause: value });
    }
    return new OpwireError(fallbackCode, String(value), { cause: value });
  }
}

export function isOpwireError(value: unknown): value is OpwireError {
  return value instanceof OpwireError;
}

function isErrorLike(value: unknown): value is { message: string; code?: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
