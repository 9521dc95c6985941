import {
  applyOperationEvent,
  type OperationEvent,
  type OperationSnapshot,
  OpwireError,
  type OpwireErrorCode,
  type ResumeResult,
} from '@opwire/protocol';
import type { OperationSource, ResumePosition } from '../../operationSource.js';

/**
 * An in-process stand-in for the server's operation history, answering the
 * store's `get` and `resume` the way the protocol describes. Used by the
 * store's unit tests; the integration tests run the real server.
 */
export function createHistorySource(epoch = 'e1') {
  const histories = new Map<string, OperationEvent[]>();
  const calls = { get: [] as string[], resume: [] as ResumePosition[][] };
  let keepFrom = 1;
  let held: Promise<void> | null = null;
  let failures: OpwireErrorCode[] = [];
  /** Delivers an answer computed now once `hold()`'s release is called, as over a slow network. */
  const deliver = async <T>(answer: T): Promise<T> => {
    if (held !== null) await held;
    return answer;
  };

  const snapshotOf = (id: string): OperationSnapshot | null => {
    let snapshot: OperationSnapshot | null = null;
    for (const event of histories.get(id) ?? [])
      snapshot = applyOperationEvent(snapshot, event).snapshot;
    return snapshot;
  };

  const source: OperationSource = {
    async get(id) {
      calls.get.push(id);
      const snapshot = snapshotOf(id);
      const answeredEpoch = state.epoch;
      await deliver(null);
      if (snapshot === null) throw new OpwireError('not_found', 'no such operation');
      return { epoch: answeredEpoch, snapshot };
    },
    async resume(positions) {
      calls.resume.push(positions);
      const failure = failures.shift();
      if (failure !== undefined) throw new OpwireError(failure, 'the request failed');
      const results: ResumeResult[] = positions.map((position) => {
        const snapshot = snapshotOf(position.id);
        if (snapshot === null) return { id: position.id, status: 'not_found' };
        if (position.epoch !== state.epoch) {
          return { id: position.id, status: 'snapshot', reason: 'epoch_changed', snapshot };
        }
        if (position.seq + 1 < keepFrom) {
          return { id: position.id, status: 'snapshot', reason: 'history_gone', snapshot };
        }
        const events = (histories.get(position.id) ?? []).filter(
          (event) => event.seq > position.seq,
        );
        return { id: position.id, status: 'replayed', events };
      });
      return deliver({ epoch: state.epoch, results });
    },
  };

  const state = {
    epoch,
    source,
    calls,
    record(...events: OperationEvent[]) {
      for (const event of events) {
        const list = histories.get(event.operationId) ?? [];
        list.push(event);
        histories.set(event.operationId, list);
      }
      return events;
    },
    /** Holds back every answer computed from now on until the returned function is called. */
    hold(): () => void {
      let release = () => {};
      held = new Promise((resolve) => {
        release = () => {
          held = null;
          resolve();
        };
      });
      return release;
    },
    /** Makes the next resume requests fail with these error codes, one each. */
    failNextResumes(...codes: OpwireErrorCode[]) {
      failures = codes;
    },
    /** Pretend the server lost an operation (a store without persistence restarted). */
    forget(id: string) {
      histories.delete(id);
    },
    /** Pretend the server trimmed every event before `seq`. */
    trimBefore(seq: number) {
      keepFrom = seq;
    },
  };
  return state;
}
