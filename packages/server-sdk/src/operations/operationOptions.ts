import type { Audience } from '../audience.js';

/** Options of `operation.start()` and `operation.track()`. */
export interface OperationOptions<TStage extends string = string> {
  /** Who sees the operation. Required. */
  audience: Audience;
  /**
   * Your own id, an idempotency key for as long as the store holds the
   * operation: starting the same id again, for the same type, returns the
   * existing run (running or ended, in this process or another) and never
   * runs the job function twice. For another type, `done` rejects with
   * `conflict`. See docs/lifecycle.md.
   * @default a random UUID
   */
  id?: string;
  /** Human-readable name, shown by progress trackers. */
  title?: string;
  /** Declared stages, in order (taken from the definition when it has them). */
  stages?: readonly TStage[];
  /** Tables refreshed (a `table.refresh` event to the audience) when the operation succeeds. */
  tables?: readonly string[];
  /**
   * Titles of the toasts clients show when the operation ends. They travel in its
   * `operation.started` event and its snapshot (`toastTitles`), and each client makes the
   * toast itself, so it comes back after a reload; without one, a client uses the `title`.
   */
  toast?: {
    /** Title of the `success` toast; its message is the completion's. */
    success?: string;
    /** Title of the `error` toast; its message is the failure's. */
    failure?: string;
    /** Title of the `warning` toast when the operation is cancelled; its message is the reason. */
    cancelled?: string;
  };
  /** Expected duration, used by clients for the time-left estimate before progress arrives. */
  estimatedDurationMs?: number;
  /**
   * Start in `queued` status; the first progress or stage moves it to `running`.
   * @default false
   */
  queued?: boolean;
  /**
   * Time limit in ms: past it `op.signal` aborts and, unless the job ended
   * first, the operation ends `failed` with code `timed_out`.
   * @default no limit
   */
  timeoutMs?: number;
  /**
   * This operation's lease, in ms: when its process does not renew it for
   * this long (killed, cut off from Redis, or its event loop blocked), another
   * process ends it `failed` with code `owner_lost`. Give a job that blocks
   * its event loop for long a longer lease, or move its work to a worker thread.
   * @default the server's `leaseMs` (15000)
   */
  leaseMs?: number;
  /**
   * How often this operation's process renews its lease, in ms; below `leaseMs`.
   * @default the server's `leaseRenewMs` (5000)
   */
  leaseRenewMs?: number;
}

/** What a run of an operation takes: its options, with the audience optional for a claimed attempt. */
export type RunOptions<TStage extends string = string> = Omit<
  OperationOptions<TStage>,
  'audience'
> & {
  /** Who sees the operation; needed only when the run creates it. */
  audience?: Audience | undefined;
};
