import { type OperationSnapshot, OpwireError } from '@opwire/protocol';
import type { OpwireClient } from '../opwireClient.js';
import { createObserverStore, type Observer } from './observerStore.js';

/** What {@link createActiveOperationsObserver} shows. */
export interface ActiveOperationsState {
  /** Running operations the client knows, oldest first; the same array until one changes. */
  operations: readonly OperationSnapshot[];
  /** Until the server first answered which operations are running. */
  isLoading: boolean;
  /** Why the last request for running operations failed, or `null`. */
  error: OpwireError | null;
}

const NONE: readonly OperationSnapshot[] = Object.freeze([]);
const LOADING: ActiveOperationsState = Object.freeze({
  operations: NONE,
  isLoading: true,
  error: null,
});

const inFlight = new WeakMap<OpwireClient, Promise<OperationSnapshot[]>>();

/**
 * `client.operations.active()`, shared by every caller while one request is
 * in flight, so several observers asking at once send one request.
 */
export function loadActiveOperations(client: OpwireClient): Promise<OperationSnapshot[]> {
  let request = inFlight.get(client);
  if (request === undefined) {
    request = client.operations.active().finally(() => inFlight.delete(client));
    inFlight.set(client, request);
  }
  return request;
}

/**
 * Every operation still running that this principal may see, live. While
 * someone listens, each time the client connects (after a page reload, after
 * a reconnect) it asks the server for them, so progress of jobs started
 * before the reload comes back; operations started later appear as their
 * events arrive. Empty (and loading) on a server.
 *
 * @example
 * createActiveOperationsObserver(client).subscribe(({ operations }) => renderList(operations));
 */
export function createActiveOperationsObserver(
  client: OpwireClient,
): Observer<ActiveOperationsState> {
  let request: Pick<ActiveOperationsState, 'isLoading' | 'error'> = LOADING;
  const compose = (operations: readonly OperationSnapshot[]): ActiveOperationsState => {
    const current = store.getSnapshot();
    if (
      current.operations === operations &&
      current.isLoading === request.isLoading &&
      current.error === request.error
    )
      return current;
    return { operations, ...request };
  };
  const store = createObserverStore<ActiveOperationsState>({
    initial: LOADING,
    start() {
      let live = true;
      const load = () => {
        loadActiveOperations(client).then(
          () => {
            if (!live) return;
            request = { isLoading: false, error: null };
            store.set(compose(client.operations.getSnapshot()));
          },
          (error: unknown) => {
            if (!live) return;
            request = { isLoading: false, error: OpwireError.from(error) };
            store.set(compose(client.operations.getSnapshot()));
          },
        );
      };
      const stopList = client.operations.subscribe((operations) => store.set(compose(operations)));
      if (client.status === 'connected') load();
      const stopStatus = client.onStatusChange(({ status }) => {
        if (status === 'connected') load();
      });
      return () => {
        live = false;
        stopList();
        stopStatus();
      };
    },
  });
  return store;
}
