import type { WireErrorCode } from './errorCodes.js';
import type { OperationSnapshot } from './operation.js';
import type { OperationEvent } from './operationEvent.js';

/** Why the server refused a request. */
export interface AckError {
  /** What kind of refusal it is; switch on it. */
  code: WireErrorCode;
  /** What happened, in words a developer can act on. */
  message: string;
}

/**
 * The answer to every client request: `ok: true` with the request's data,
 * or `ok: false` with an error.
 *
 * @typeParam TData - the data a successful answer carries
 */
export type Ack<TData extends object = Record<never, never>> =
  | ({
      /** The request succeeded; the request's data sits beside this flag. */
      ok: true;
    } & TData)
  | {
      /** The request was refused. */
      ok: false;
      /** Why. */
      error: AckError;
    };

/** Builds a successful answer: `{ ok: true, ...data }`. */
export function ackOk<TData extends object>(
  data: TData,
): {
  /** Always `true`. */
  ok: true;
} & TData {
  return { ok: true, ...data };
}

/** Builds a refusal: `{ ok: false, error: { code, message } }`. */
export function ackError(
  code: WireErrorCode,
  message: string,
): {
  /** Always `false`. */
  ok: false;
  /** The code and message given. */
  error: AckError;
} {
  return { ok: false, error: { code, message } };
}

/**
 * What the server answers for one operation of a resume request: the events
 * the client missed, or a snapshot to replace its state with when it cannot
 * replay, or `not_found`.
 */
export type ResumeResult =
  | {
      /** The operation id from the request. */
      id: string;
      /** The server replayed what the client missed. */
      status: 'replayed';
      /** Missed events in `seq` order; empty when the client was up to date. */
      events: OperationEvent[];
    }
  | {
      /** The operation id from the request. */
      id: string;
      /** The server cannot replay; the client replaces its state with `snapshot`. */
      status: 'snapshot';
      /**
       * `epoch_changed`: the client's epoch is not the store's (or its `seq`
       * is ahead of it); `history_gone`: the store no longer holds every event
       * after the client's `seq`, or replaying them would take this answer past
       * the server's replay budget (events and bytes per answer).
       */
      reason: 'epoch_changed' | 'history_gone';
      /** The operation's current state. */
      snapshot: OperationSnapshot;
    }
  | {
      /** The operation id from the request. */
      id: string;
      /**
       * No such operation, or one the caller may not see; the two are deliberately
       * indistinguishable.
       */
      status: 'not_found';
    };

/** The answer to `opwire:join`. */
export type JoinAck = Ack<{
  /** The room the socket is now in. */
  room: string;
}>;
/** The answer to `opwire:leave`. */
export type LeaveAck = JoinAck;
/** The answer to `opwire:resume`. */
export type ResumeAck = Ack<{
  /** The store's epoch; the client remembers it with each `seq` for its next resume. */
  epoch: string;
  /** One result per operation named (an id named more than once is answered once). */
  results: ResumeResult[];
}>;
/** The answer to `opwire:operation.get`. */
export type GetOperationAck = Ack<{
  /** The store's epoch, which the snapshot's `seq` counts in. */
  epoch: string;
  /** The operation's current state. */
  snapshot: OperationSnapshot;
}>;
/** The answer to `opwire:operation.list`. */
export type ListOperationsAck = Ack<{
  /** The store's epoch, which the snapshots' `seq` count in. */
  epoch: string;
  /** The operations the socket may see, newest first (at most 100). */
  operations: OperationSnapshot[];
}>;
/** The answer to `opwire:operation.cancel`. */
export type CancelOperationAck = Ack<{
  /** The operation asked to cancel. */
  id: string;
}>;
/** The answer to `opwire:auth`. */
export type ReauthenticateAck = Ack<{
  /**
   * When the new credentials expire, milliseconds since the Unix epoch, or `null` when they do not.
   */
  expiresAt: number | null;
  /** The rooms the socket is in with its new credentials. */
  rooms: string[];
}>;
