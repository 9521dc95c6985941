// A web node on the default memory store, in its own process. The store lives and dies with the
// process, so the node runs the planned operations itself and reports each final snapshot.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testAuth } from '../../../packages/server-sdk/src/__tests__/support/tokens.js';
import { createOpwire } from '../../../packages/server-sdk/src/createOpwire.js';
import type { OperationPlan } from './plan.js';

const httpServer = createServer();
const opwire = createOpwire({ server: httpServer, auth: testAuth, progressIntervalMs: 0 });
opwire.events.on('error', (error) => process.send?.({ type: 'error', message: error.message }));
await opwire.ready();
await new Promise<void>((resolve) =>
  httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1', resolve),
);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function run(plan: OperationPlan) {
  await pause(plan.startAtMs);
  const op = opwire.operation.start('chaos', { id: plan.id, audience: plan.audience });
  for (const step of plan.steps) {
    await pause(plan.stepDelayMs);
    if ('stage' in step) op.stage(step.stage);
    else op.progress(step.percent, step.message);
  }
  if (plan.terminal === 'complete') op.complete({ id: plan.id });
  else if (plan.terminal === 'fail') op.fail(new Error(`planned failure of ${plan.id}`));
  else op.cancel('planned cancel');
  const final = await op.done;
  process.send?.({ type: 'done', id: plan.id, snapshot: final });
}

process.on('message', (message: { type: string; plans?: OperationPlan[]; picks?: number[] }) => {
  if (message.type === 'run') {
    for (const plan of message.plans ?? []) {
      run(plan).catch((error: unknown) =>
        process.send?.({ type: 'failed', id: plan.id, message: String(error) }),
      );
    }
  }
  if (message.type === 'kick') {
    // The sockets to drop are chosen by the test's seeded numbers, one per pick.
    const sockets = [...opwire.io.of('/').sockets.values()];
    let kicked = 0;
    for (const pick of message.picks ?? []) {
      const socket = sockets.splice(Math.floor(pick * sockets.length), 1)[0];
      if (socket === undefined) continue;
      socket.disconnect(true);
      kicked += 1;
    }
    process.send?.({ type: 'kicked', count: kicked });
  }
  if (message.type === 'stats') process.send?.({ type: 'stats', stats: opwire.stats() });
});
process.send?.({ type: 'ready', port: (httpServer.address() as AddressInfo).port });
