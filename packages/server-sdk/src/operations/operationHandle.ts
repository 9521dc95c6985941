import type { OperationSnapshot } from '@opwire/protocol';

/**
 * What a handle is to its operation: `starting` until the store answered,
 * then `owner` (this handle runs the operation and reports it) or `follower`
 * (the store already held a run of the same type under this id, or this
 * process lost its lease on it: the handle only follows that run).
 */
export type OperationRole = 'starting' | 'owner' | 'follower';

/**
 * One progress report as an object, for `op.progress({ percent, details })`: the same fields
 * as the positional form, so `details` needs no `message` before it.
 */
export interface ProgressReport<TDetails = unknown> {
  /** How far the work is, usually 0–100. */
  percent: number;
  /** A line for the user, e.g. "Imported 4,200 of 10,000 rows". */
  message?: string;
  /** Structured data for the page, checked against the operation's `details` schema when it has one. */
  details?: TDetails;
}

/** What a running job reports through. */
export interface OperationReporter<TDetails = unknown, TStage extends string = string> {
  /** The operation's id. */
  readonly id: string;
  /**
   * Aborted when an allowed client or the server asks to cancel, when the
   * operation passes its `timeoutMs`, when the server shuts down past its
   * grace period, and when this process lost the operation (its lease ran
   * out and another process ended or took it). Stop the work when it aborts.
   */
  readonly signal: AbortSignal;
  /**
   * Reports progress; calls are coalesced (latest value wins), so call it as
   * often as you like.
   * @throws OpwireError `not_owner` on a follower handle (see `role`)
   * @throws OpwireError `invalid_payload` when `percent` is not a finite number
   */
  progress(percent: number, message?: string, details?: TDetails): void;
  /**
   * Reports progress from one object: `op.progress({ percent: 40, details: { rows } })`.
   * The same as the positional form, coalesced the same way.
   */
  progress(report: ProgressReport<TDetails>): void;
  /**
   * Moves to a new stage; pending progress goes out first.
   * @throws OpwireError `not_owner` on a follower handle (see `role`)
   */
  stage(name: TStage, message?: string): void;
}

/**
 * A manually driven operation, from `operation.start()`. When the id you
 * passed belongs to a run the store already holds (for the same type), this
 * is a follower handle: `done` follows that run, and every reporting call
 * (`progress`, `stage`, `complete`, `fail`, `cancel`) throws an `OpwireError`
 * with code `not_owner`. Calls made while `role` is still `starting` are
 * written once the handle turns out to be the owner, and dropped (reported
 * as `operation.ignored`) when it turns out to be a follower; await
 * `started` first when you pass your own id.
 */
export interface OperationHandle<
  TResult = unknown,
  TDetails = unknown,
  TStage extends string = string,
> extends OperationReporter<TDetails, TStage> {
  /**
   * Ends the operation `succeeded` with `result` and an optional closing
   * message. With `validatePayloads`, throws `invalid_payload` for a result
   * that does not match the definition. Ignored once the operation ended.
   * @throws OpwireError `not_owner` on a follower handle
   */
  complete(result?: TResult, message?: string): void;
  /**
   * Ends the operation `failed`. Clients see only the error's message and its
   * string `code`, never its stack. Ignored once the operation ended.
   * @throws OpwireError `not_owner` on a follower handle
   */
  fail(error: unknown): void;
  /**
   * Ends the operation `cancelled` and aborts its signal; `reason` becomes its
   * message. Ignored once the operation ended.
   * @throws OpwireError `not_owner` on a follower handle
   */
  cancel(reason?: string): void;
  /**
   * Resolves with the final snapshot once the terminal event is stored and
   * sent: this handle's own end, or for a follower the end of the run it
   * follows (also when another process ended it, e.g. `owner_lost`). Rejects
   * with an `OpwireError`: `conflict` when the id belongs to an operation of
   * another type, `unavailable` when the store failed before it started,
   * `not_owner` when this process lost the run to another that still runs it.
   */
  readonly done: Promise<OperationSnapshot<TResult, TDetails>>;
  /** Whether a terminal call was made, or the operation ended for this handle (timeout, lost lease). */
  readonly ended: boolean;
  /** `starting`, then `owner` or `follower`. */
  readonly role: OperationRole;
  /**
   * Resolves once `operation.started` is stored (`owner`), or the store
   * answered with a run it already holds (`follower`); rejects like `done`
   * when the operation could not start.
   */
  readonly started: Promise<'owner' | 'follower'>;
}
