import type { Envelope, TableRefreshPayload } from '@opwire/protocol';
import { createListenerSet, type ListenerSet, type Unsubscribe } from './listenerSet.js';

/**
 * Called when a table should reload. `message` is the server's envelope, or
 * `null` for a refresh the client derived from an operation's completion.
 */
export type TableRefreshHandler = (
  payload: TableRefreshPayload,
  message: Envelope<TableRefreshPayload> | null,
) => void;

export interface TableRefreshRouter {
  on(table: string, handler: TableRefreshHandler): Unsubscribe;
  dispatch(payload: TableRefreshPayload, message: Envelope<TableRefreshPayload> | null): void;
  readonly tables: string[];
}

/** Routes table refreshes to the handlers of each named table, once per table named. */
export function createTableRefreshRouter(onError: (error: unknown) => void): TableRefreshRouter {
  const byTable = new Map<
    string,
    ListenerSet<[TableRefreshPayload, Envelope<TableRefreshPayload> | null]>
  >();

  return {
    on(table, handler) {
      let listeners = byTable.get(table);
      if (listeners === undefined) {
        listeners = createListenerSet(onError);
        byTable.set(table, listeners);
      }
      const off = listeners.add(([payload, message]) => handler(payload, message));
      return () => {
        off();
        if (listeners.size === 0 && byTable.get(table) === listeners) byTable.delete(table);
      };
    },
    dispatch(payload, message) {
      for (const table of new Set(payload.tables)) {
        byTable.get(table)?.emit([payload, message]);
      }
    },
    get tables() {
      return [...byTable.keys()];
    },
  };
}
