/**
 * Codes opwire itself puts on a failed operation (`snapshot.error.code`) when
 * the operation did not end by its own job returning or throwing. They are a
 * set of their own, apart from the request error codes
 * (`WIRE_ERROR_CODES`): a job may still fail with any code of its own.
 *
 * - `owner_lost`: the process running the operation stopped renewing its
 *   lease (it was killed, lost its link to Redis for longer than the lease,
 *   or blocked its event loop past it), and nothing will run it again.
 * - `timed_out`: the operation ran past its `timeoutMs`.
 * - `owner_shutdown`: the process running it shut down before it finished,
 *   past its grace period.
 * - `job_missing`: a queued operation's job is no longer in its queue
 *   (removed, obliterated, or never added).
 */
export const OPERATION_FAILURE_CODES = [
  'owner_lost',
  'timed_out',
  'owner_shutdown',
  'job_missing',
] as const;

/** A code opwire puts on an operation it ended: one of {@link OPERATION_FAILURE_CODES}. */
export type OperationFailureCode = (typeof OPERATION_FAILURE_CODES)[number];

const failureCodes: ReadonlySet<string> = new Set(OPERATION_FAILURE_CODES);

/** Whether `value` is one of the {@link OPERATION_FAILURE_CODES}. */
export function isOperationFailureCode(value: unknown): value is OperationFailureCode {
  return typeof value === 'string' && failureCodes.has(value);
}

/**
 * A sentence a person understands for each {@link OperationFailureCode}, for
 * a UI to show when it wants a fixed text rather than the server's message.
 */
export const OPERATION_FAILURE_MESSAGES: Readonly<Record<OperationFailureCode, string>> = {
  owner_lost:
    'The process running this operation stopped responding (it crashed, restarted or lost its connection), so it was ended.',
  timed_out: 'This operation ran longer than it was allowed to, so it was stopped.',
  owner_shutdown: 'The server shut down before this operation could finish.',
  job_missing: 'The job behind this operation is no longer in its queue, so it will not run.',
};
