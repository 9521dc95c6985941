import type { OperationError, OperationFailureCode } from '@opwire/protocol';

/** An end opwire decided, as the error a job's `fail()` would take. */
export class LifecycleEnd extends Error {
  override readonly name = 'LifecycleEnd';
  readonly code: OperationFailureCode;

  constructor(code: OperationFailureCode, message: string) {
    super(message);
    this.code = code;
  }

  toOperationError(): OperationError {
    // The order of the wire schema, so stored and parsed errors compare equal.
    return { message: this.message, code: this.code };
  }
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export function ownerLost(leaseMs: number): LifecycleEnd {
  return new LifecycleEnd(
    'owner_lost',
    `The process running this operation stopped responding (no sign of life for ${seconds(leaseMs)}: it crashed, restarted, lost its connection or was blocked), so it was ended.`,
  );
}

export function timedOut(timeoutMs: number): LifecycleEnd {
  return new LifecycleEnd(
    'timed_out',
    `This operation ran longer than its limit of ${seconds(timeoutMs)}, so it was stopped.`,
  );
}

export function ownerShutdown(): LifecycleEnd {
  return new LifecycleEnd(
    'owner_shutdown',
    'The server running this operation shut down before it could finish.',
  );
}

export function jobMissing(queue: string, detail?: string): LifecycleEnd {
  return new LifecycleEnd(
    'job_missing',
    `The job behind this operation is no longer in queue "${queue}"${detail ? ` (${detail})` : ''}, so it will not run.`,
  );
}

export function queueGaveUp(queue: string, reason: string): LifecycleEnd {
  return new LifecycleEnd(
    'owner_lost',
    `The worker running this job stopped, and queue "${queue}" will not run it again (${reason}).`,
  );
}

/** The message of an operation that went back to its queue because its worker stopped. */
export const WORKER_STOPPED_MESSAGE =
  'The worker running this job stopped; it waits for the queue to run it again.';
