import type { OperationHandle, OpwireClient } from '@opwire/client';
import { isTerminalStatus } from '@opwire/protocol';
import type { Observer } from './observer.js';
import { sameTruth, type Truth, truthOf } from './plannedStates.js';

/** Every state one client showed for the operations its observer follows. */
export interface StateWatch {
  /** Operations whose end the client showed. */
  ended: Set<string>;
  /**
   * The handle of each followed operation. Read these rather than calling
   * `client.operation(id)` again, which fetches an operation marked
   * `not_found` once more.
   */
  handles: Map<string, OperationHandle>;
  violations: string[];
}

/**
 * Checks every state a handle shows against the state its operation really
 * had at that `seq`, and that an end, once shown, is never replaced or taken
 * back (a later `not_found` included). Hooks into the observer, so it watches
 * exactly the operations the observer follows.
 */
export function watchStates(
  client: OpwireClient,
  observer: Observer,
  states: Map<string, Truth[]>,
): StateWatch {
  const watch: StateWatch = { ended: new Set(), handles: new Map(), violations: [] };
  const follow = observer.follow.bind(observer);
  observer.follow = (id) => {
    if (!observer.followed.has(id)) {
      const handle = client.operation(id);
      watch.handles.set(id, handle);
      const planned = states.get(id) ?? [];
      let end: Truth | undefined;
      handle.subscribe((snapshot) => {
        const shown = snapshot === null ? undefined : truthOf(snapshot);
        if (end !== undefined && (handle.error !== null || !sameTruth(shown, end))) {
          watch.violations.push(
            `${observer.user}: ${id} ended ${JSON.stringify(end)}, then showed ${handle.error?.code ?? ''} ${JSON.stringify(shown)}`,
          );
          return;
        }
        if (shown === undefined) return;
        if (!sameTruth(shown, planned[shown.seq - 1])) {
          watch.violations.push(
            `${observer.user}: ${id} showed ${JSON.stringify(shown)}, but at seq ${shown.seq} it was ${JSON.stringify(planned[shown.seq - 1])}`,
          );
        }
        if (isTerminalStatus(shown.status) && end === undefined) {
          end = shown;
          watch.ended.add(id);
        }
      });
    }
    follow(id);
  };
  return watch;
}
