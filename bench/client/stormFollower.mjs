import { now } from '../lib/clock.mjs';

/**
 * Follows the progress storm on every client: counts messages, remembers the
 * last `processed` value and when the final one arrived. On the first client
 * it also finds the most progress messages that arrived within any one second.
 *
 * @param {import('./openClients.mjs').BenchClient[]} clients
 * @param {import('./clientFlavor.mjs').ClientFlavor} flavor
 * @param {{ calls: number }} plan
 */
export function followStorm(clients, flavor, { calls }) {
  const followers = clients.map(() => ({
    messages: 0,
    progress: 0,
    lastProcessed: 0,
    finalAt: Number.NaN,
    completed: false,
  }));
  const peak = peakPerSecond();
  let completedCount = 0;
  /** @type {(value: void) => void} */
  let finish = () => {};
  const done = new Promise((resolve) => {
    finish = resolve;
  });

  clients.forEach((client, k) => {
    const follower = /** @type {(typeof followers)[number]} */ (followers[k]);
    flavor.listen(client.socket, (topic, payload) => {
      follower.messages += 1;
      if (topic === 'operation.progress') {
        follower.progress += 1;
        if (k === 0) peak.add(now());
        follower.lastProcessed = payload.details?.processed ?? follower.lastProcessed;
        if (follower.lastProcessed === calls && Number.isNaN(follower.finalAt)) {
          follower.finalAt = now();
        }
      } else if (topic === 'operation.completed' && !follower.completed) {
        follower.completed = true;
        completedCount += 1;
        if (completedCount === followers.length) finish();
      }
    });
  });

  return {
    done,
    result() {
      return {
        messages: followers.reduce((sum, f) => sum + f.messages, 0),
        progressPerClient: followers.reduce((sum, f) => sum + f.progress, 0) / followers.length,
        peakPerSecond: peak.value(),
        exact: followers.every((f) => f.completed && f.lastProcessed === calls),
        lastFinalAt: Math.max(...followers.map((f) => f.finalAt)),
      };
    },
  };
}

/** The most timestamps that fall within any window of one second. */
function peakPerSecond() {
  /** @type {number[]} */
  const window = [];
  let head = 0;
  let peak = 0;
  return {
    /** @param {number} at */
    add(at) {
      window.push(at);
      while (/** @type {number} */ (window[head]) <= at - 1_000) head += 1;
      peak = Math.max(peak, window.length - head);
      if (head > 4_096) {
        window.splice(0, head);
        head = 0;
      }
    },
    value: () => peak,
  };
}
