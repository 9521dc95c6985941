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

/** How many operation ids are remembered to drop a second refresh for the same completion. */
const REMEMBERED_OPERATIONS = 1024;

export interface TableRefreshRouter {
  on(table: string, handler: TableRefreshHandler): Unsubscribe;
  dispatch(payload: TableRefreshPayload, message: Envelope<TableRefreshPayload> | null): void;
  readonly tables: string[];
}

/**
 * Routes table refreshes to the handlers of each named table. A completion
 * can announce itself twice (the server's `table.refresh` and the client's
 * own derivation from `operation.completed`); the second one for the same
 * operation and table is dropped.
 */
export function createTableRefreshRouter(onError: (error: unknown) => void): TableRefreshRouter {
  const byTable = new Map<
    string,
    ListenerSet<[TableRefreshPayload, Envelope<TableRefreshPayload> | null]>
  >();
  const seen = new Set<string>();

  function firstTime(operationId: string | undefined, table: string): boolean {
    if (operationId === undefined) return true;
    const key = `${operationId}\u0000${table}`;
    if (seen.has(key)) return false;
    seen.add(key);
    if (seen.size > REMEMBERED_OPERATIONS) {
      const oldest = seen.values().next().value;
      if (oldest !== undefined) seen.delete(oldest);
    }
    return true;
  }

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
        if (!firstTime(payload.operationId, table)) continue;
        byTable.get(table)?.emit([payload, message]);
      }
    },
    get tables() {
      return [...byTable.keys()];
    },
  };
}
