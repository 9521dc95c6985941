/**
 * The server side of the resume storm: one operation per client, followed
 * through the client's user room; later, events that the disconnected clients
 * miss.
 *
 * @param {import('./flavor.mjs').ServerFlavor} flavor
 */
export function resumeTask(flavor) {
  /** @type {Array<{ id: string, operation: import('./flavor.mjs').OperationLike }>} */
  const operations = [];
  let percent = 0;

  const settled = async (/** @type {number} */ seq) => {
    for (const { id } of operations) {
      for (let attempt = 0; (await flavor.lastSeq(id)) < seq; attempt += 1) {
        if (attempt > 1_000) throw new Error(`operation ${id} did not reach seq ${seq}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
  };

  return {
    /** Starts one operation per user and reports progress once: every client is at seq 2. */
    async start(/** @type {{ users: number }} */ { users }) {
      for (let index = 0; index < users; index += 1) {
        const id = `resume-${index}`;
        operations.push({ id, operation: flavor.operation(`user:u${index}`, id) });
      }
      percent += 1;
      for (const { operation } of operations) operation.progress(percent, { step: 0 });
      await settled(2);
    },

    /** Reports `events` more progress on every operation while the clients are away. */
    async miss(/** @type {{ events: number }} */ { events }) {
      for (let step = 1; step <= events; step += 1) {
        percent = Math.min(100, percent + 1);
        for (const { operation } of operations) operation.progress(percent, { step });
      }
      await settled(2 + events);
    },
  };
}
