import { isOpwireError, type OperationError } from '@opwire/protocol';

/**
 * What a client may see of a failure: its message and a string code, if it
 * has one. Stack traces, causes and other fields stay on the server.
 */
export function safeOperationError(error: unknown): OperationError {
  if (isOpwireError(error)) return { message: error.message, code: error.code };
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? { message: error.message, code } : { message: error.message };
  }
  if (typeof error === 'string') return { message: error };
  return { message: 'The operation failed.' };
}
