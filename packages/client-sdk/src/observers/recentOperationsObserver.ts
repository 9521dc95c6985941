import type { OperationSnapshot } from '@opwire/protocol';
import type { OpwireClient } from '../opwireClient.js';
import { createObserverStore, type Observer } from './observerStore.js';

/** Options of {@link createRecentOperationsObserver}. */
export interface RecentOperationsOptions {
  /**
   * How long an operation stays in the list after it ended, in milliseconds.
   * @default 60000
   */
  keepMs?: number;
}

/** The default {@link RecentOperationsOptions.keepMs}. */
export const DEFAULT_RECENT_KEEP_MS = 60_000;

const NONE: readonly OperationSnapshot[] = Object.freeze([]);

/**
 * Operations that ended (succeeded, failed or cancelled) within the last
 * `keepMs`, newest end first, so a page shows the outcome of a job even
 * when it was reloaded after the job ended. While someone listens, the
 * client asks the server for ended operations each time it connects, adds
 * every end it sees live, and drops each one `keepMs` after its end (server
 * time). Empty on a server.
 *
 * @example
 * createRecentOperationsObserver(client, { keepMs: 30_000 }).subscribe((ended) => renderOutcomes(ended));
 */
export function createRecentOperationsObserver(
  client: OpwireClient,
  options: RecentOperationsOptions = {},
): Observer<readonly OperationSnapshot[]> {
  const keepMs = options.keepMs ?? DEFAULT_RECENT_KEEP_MS;
  const held = new Map<string, OperationSnapshot>();
  const store = createObserverStore<readonly OperationSnapshot[]>({
    initial: NONE,
    start() {
      let live = true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const publish = () => {
        if (timer !== undefined) clearTimeout(timer);
        timer = undefined;
        const now = client.serverNow();
        for (const [id, snapshot] of held) {
          if ((snapshot.endedAt ?? snapshot.updatedAt) + keepMs <= now) held.delete(id);
        }
        const list = [...held.values()].sort(
          (a, b) => (b.endedAt ?? b.updatedAt) - (a.endedAt ?? a.updatedAt),
        );
        store.set(list.length === 0 ? NONE : list);
        const oldest = list.at(-1);
        if (oldest !== undefined) {
          const due = (oldest.endedAt ?? oldest.updatedAt) + keepMs - now;
          timer = setTimeout(publish, Math.max(0, due));
        }
      };
      const add = (snapshot: OperationSnapshot) => {
        const current = held.get(snapshot.id);
        if (current !== undefined && current.seq >= snapshot.seq) return;
        held.set(snapshot.id, snapshot);
      };
      const load = () => {
        client.operations.ended().then(
          (ended) => {
            if (!live) return;
            for (const snapshot of ended) add(snapshot);
            publish();
          },
          // What is known stays shown; the next connect asks again.
          () => {},
        );
      };
      const stopEnded = client.operations.onEnded((snapshot) => {
        add(snapshot);
        publish();
      });
      if (client.status === 'connected') load();
      const stopStatus = client.onStatusChange(({ status }) => {
        if (status === 'connected') load();
      });
      return () => {
        live = false;
        if (timer !== undefined) clearTimeout(timer);
        stopEnded();
        stopStatus();
      };
    },
  });
  return store;
}
