import { isOpwireErrorCode, type OpwireErrorCode } from './errorCodes.js';

/** Options of the {@link OpwireError} constructor. */
export interface OpwireErrorOptions {
  /** The error that caused this one, kept as the standard `cause`. */
  cause?: unknown;
  /** Extra, safe-to-show data, such as the operation id a failure belongs to. */
  details?: Readonly<Record<string, unknown>>;
}

/**
 * The one error type opwire throws or rejects with. Switch on `code`; the
 * message says what happened and what to do about it.
 */
export class OpwireError extends Error {
  /** Always `OpwireError`. */
  override readonly name = 'OpwireError';
  /** What kind of error it is: a wire code from the server or a code the SDK raised locally. */
  readonly code: OpwireErrorCode;
  /** Extra, safe-to-show data, such as the operation id a failure belongs to. */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  /**
   * @param code - what kind of error it is
   * @param message - what happened and what to do about it
   * @param options - the `cause` and `details`
   */
  constructor(code: OpwireErrorCode, message: string, options: OpwireErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details;
  }

  /**
   * Wraps anything thrown into an `OpwireError`, keeping an existing one as
   * is. An error-like value keeps its message, and its `code` when that is an
   * opwire code; anything else gets `fallbackCode`.
   */
  static from(value: unknown, fallbackCode: OpwireErrorCode = 'internal'): OpwireError {
    if (value instanceof OpwireError) return value;
    if (isErrorLike(value)) {
      const code = isOpwireErrorCode(value.code) ? value.code : fallbackCode;
      return new OpwireError(code, value.message, { cause: value });
    }
    return new OpwireError(fallbackCode, String(value), { cause: value });
  }
}

/** Whether `value` is an {@link OpwireError}. */
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
