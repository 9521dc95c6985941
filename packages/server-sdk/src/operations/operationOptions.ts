import type { Audience } from '../audience.js';

/** Options of `operation.start()` and `operation.track()`. */
export interface OperationOptions<TStage extends string = string> {
  /** Who sees the operation. Required. */
  audience: Audience;
  /**
   * Your own id, for idempotency: a second operation with an id the store
   * still holds is refused with `conflict`.
   * @default a random UUID
   */
  id?: string;
  /** Human-readable name, shown by progress trackers. */
  title?: string;
  /** Declared stages, in order (taken from the definition when it has them). */
  stages?: readonly TStage[];
  /** Tables refreshed (a `table.refresh` event to the audience) when the operation succeeds. */
  tables?: readonly string[];
  /** Toast titles sent to the audience when the operation ends. */
  toast?: {
    /** Title of the `success` toast sent when the operation succeeds. */
    success?: string;
    /** Title of the `error` toast sent when the operation fails; its message is the failure's. */
    failure?: string;
  };
  /** Expected duration, used by clients for the time-left estimate before progress arrives. */
  estimatedDurationMs?: number;
  /**
   * Start in `queued` status; the first progress or stage moves it to `running`.
   * @default false
   */
  queued?: boolean;
}
