import { now } from '../lib/clock.mjs';

/**
 * The server side of the capacity scenario: this node runs one operation per
 * tenant it owns (tenant `t` belongs to node `t mod nodes`), followed through
 * the tenant's room, whose members sit on every node. Events are paced on a
 * schedule shared by all nodes: event `i` goes to tenant `i mod tenants` at
 * `startAt + i / eventsPerSecond`, so the nodes together send at the given
 * rate, each sending its own tenants' events.
 *
 * @param {import('./flavor.mjs').ServerFlavor} flavor
 * @param {{ node: number, nodes: number, tenants: number }} layout
 */
export function capacityTask(flavor, { node, nodes, tenants }) {
  /** @type {Map<number, import('./flavor.mjs').OperationLike>} */
  const operations = new Map();
  const mine = (/** @type {number} */ tenant) => tenant % nodes === node;

  return {
    /** Starts this node's operations; resolves once each has gone out. */
    async prepare() {
      for (let tenant = 0; tenant < tenants; tenant += 1) {
        if (!mine(tenant)) continue;
        const id = `capacity-t${tenant}`;
        operations.set(tenant, flavor.operation(`tenant:t${tenant}`, id));
      }
      for (let attempt = 0; ; attempt += 1) {
        const seqs = await Promise.all(
          [...operations.keys()].map((tenant) => flavor.lastSeq(`capacity-t${tenant}`)),
        );
        if (seqs.every((seq) => seq >= 1)) break;
        if (attempt > 2_000) throw new Error('operations did not start');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return operations.size;
    },

    /**
     * Sends this node's share of events `from` … `to − 1` on the shared
     * schedule; resolves with how many it sent and how late the sends were.
     * @param {{ from: number, to: number, startAt: number, eventsPerSecond: number }} plan
     */
    async send({ from, to, startAt, eventsPerSecond }) {
      const interval = 1_000 / eventsPerSecond;
      let sent = 0;
      let lateMs = 0;
      for (let i = from; i < to; i += 1) {
        const tenant = i % tenants;
        const operation = operations.get(tenant);
        if (!operation) continue;
        const due = startAt + (i - from) * interval;
        const wait = due - now();
        if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
        lateMs = Math.max(lateMs, now() - due);
        operation.progress(Math.min(99, Math.floor(i / tenants)), { i, t: now() });
        sent += 1;
      }
      return { sent, maxLateMs: lateMs };
    },
  };
}
