import { now } from '../lib/clock.mjs';

/**
 * Client k follows operation `resume-k`, remembering the last `seq` it saw.
 * The storm: every client loses its connection, misses events, then all
 * reconnect at once and catch up — raw Socket.IO through its connection state
 * recovery, opwire through `opwire:resume` with (id, seq, epoch).
 *
 * @param {import('./openClients.mjs').BenchClient[]} clients
 * @param {import('./clientFlavor.mjs').ClientFlavor} flavor
 */
export function followForResume(clients, flavor) {
  const lastSeq = new Uint32Array(clients.length);
  let replayed = 0;
  /** @type {((k: number) => void) | null} */
  let onAdvance = null;

  const advance = (/** @type {number} */ k, /** @type {number | undefined} */ seq) => {
    if (typeof seq !== 'number' || seq <= /** @type {number} */ (lastSeq[k])) return;
    lastSeq[k] = seq;
    onAdvance?.(k);
  };
  clients.forEach((client, k) => {
    flavor.listen(client.socket, (_topic, _payload, seq) => {
      if (onAdvance) replayed += 1;
      advance(k, seq);
    });
  });

  return {
    /** Resolves once every client has seen `seq`. */
    async reached(/** @type {number} */ seq, timeoutMs = 60_000) {
      const deadline = now() + timeoutMs;
      while (lastSeq.some((value) => value < seq)) {
        if (now() > deadline) throw new Error(`clients did not reach seq ${seq}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },

    /** Drops every connection as a network failure would (not a clean disconnect). */
    async dropAll() {
      await Promise.all(
        clients.map(
          ({ socket }) =>
            new Promise((resolve) => {
              socket.once('disconnect', resolve);
              socket.io.engine.close();
            }),
        ),
      );
    },

    /**
     * Reconnects every client at once; resolves when each has reached
     * `finalSeq` or its connection failed, or when no client has caught up
     * for `stallMs` (the rest count as not converged).
     * @param {number} finalSeq
     * @param {number} stallMs
     */
    reconnectAll(finalSeq, stallMs) {
      const startedAt = now();
      let converged = 0;
      let lastConvergedAt = startedAt;
      let recovered = 0;
      let snapshots = 0;
      let lost = 0;
      return new Promise((resolve, reject) => {
        /** @type {NodeJS.Timeout | undefined} */
        let stall;
        const settle = () => {
          if (converged + lost < clients.length) return;
          onAdvance = null;
          clearTimeout(stall);
          resolve({ ms: lastConvergedAt - startedAt, replayed, recovered, snapshots, converged });
        };
        const watchStall = () => {
          clearTimeout(stall);
          stall = setTimeout(() => {
            lost = clients.length - converged;
            settle();
          }, stallMs);
        };
        watchStall();
        onAdvance = (k) => {
          watchStall();
          if (lastSeq[k] !== finalSeq) return;
          converged += 1;
          lastConvergedAt = now();
          settle();
        };
        clients.forEach((client, k) => {
          const { socket } = client;
          socket.once('connect', () => {
            if (socket.recovered) recovered += 1;
          });
          socket.once('connect_error', () => {
            lost += 1;
            settle();
          });
          if (flavor.resume) {
            const resume = flavor.resume;
            flavor.whenReady(socket).then(async () => {
              const ack = await resume(socket, [
                { id: `resume-${client.index}`, seq: lastSeq[k] ?? 0, epoch: client.epoch ?? '' },
              ]);
              for (const result of ack.results) {
                if (result.status === 'replayed') {
                  for (const event of result.events) {
                    replayed += 1;
                    advance(k, event.seq);
                  }
                } else if (result.status === 'snapshot') {
                  snapshots += 1;
                  advance(k, result.snapshot.seq);
                }
              }
            }, reject);
          }
          socket.connect();
        });
      });
    },
  };
}
