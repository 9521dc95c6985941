import {
  isOperationFailureCode,
  isTerminalStatus,
  OPERATION_FAILURE_MESSAGES,
  type OperationError,
  type OperationSnapshot,
  OpwireError,
} from '@opwire/protocol';

/**
 * What to tell a person about a failed operation: its message, or for an
 * end opwire decided (`owner_lost`, `timed_out`, `owner_shutdown`,
 * `job_missing`) without one, the sentence for its code.
 */
export function describeOperationFailure(error: OperationError | null): string {
  if (error?.message) return error.message;
  if (isOperationFailureCode(error?.code)) return OPERATION_FAILURE_MESSAGES[error.code];
  return 'The operation failed.';
}

/** How a finished operation settles its `done` promise. */
export type OperationOutcome = { ok: true; result: unknown } | { ok: false; error: OpwireError };

/** The outcome of a terminal snapshot, or `null` while the operation still runs. */
export function operationOutcome(snapshot: OperationSnapshot): OperationOutcome | null {
  if (!isTerminalStatus(snapshot.status)) return null;
  const name = `Operation "${snapshot.title ?? snapshot.type}" (${snapshot.id})`;
  if (snapshot.status === 'succeeded') return { ok: true, result: snapshot.result };
  if (snapshot.status === 'failed') {
    const reason = describeOperationFailure(snapshot.error);
    return {
      ok: false,
      error: new OpwireError('operation_failed', `${name} failed: ${reason}`, {
        details: { operationId: snapshot.id, errorCode: snapshot.error?.code ?? null },
      }),
    };
  }
  const reason = snapshot.message ? `: ${snapshot.message}` : '';
  return {
    ok: false,
    error: new OpwireError('operation_cancelled', `${name} was cancelled${reason}`, {
      details: { operationId: snapshot.id },
    }),
  };
}

/** The error for an operation the server does not know or will not show. */
export function operationNotFound(id: string): OpwireError {
  return new OpwireError(
    'not_found',
    `Operation ${id} was not found: it does not exist, its history expired, or this principal may not see it. Check the id and the operation's audience.`,
    { details: { operationId: id } },
  );
}
