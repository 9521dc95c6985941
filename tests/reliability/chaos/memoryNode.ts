// A web node on the default memory store, in its own process. The store lives and dies with the
// process, so the node runs the planned operations itself and reports each final snapshot.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOpwire } from '@opwire/server';
import { kickSockets } from '@opwire/test-kit/kickSockets';
import { testAuth } from '@opwire/test-kit/tokens';
import type { OperationPlan } from './plan.js';
import { runPlans } from './runPlans.js';

const httpServer = createServer();
const opwire = createOpwire({ server: httpServer, auth: testAuth, progressIntervalMs: 0 });
opwire.events.on('error', (error) => process.send?.({ type: 'error', message: error.message }));
await opwire.ready();
await new Promise<void>((resolve) =>
  httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1', resolve),
);
process.on('message', (message: { type: string; plans?: OperationPlan[]; picks?: number[] }) => {
  if (message.type === 'run') {
    runPlans(opwire.operation, message.plans ?? []);
  }
  if (message.type === 'kick') {
    process.send?.({ type: 'kicked', count: kickSockets(opwire.io, message.picks ?? []) });
  }
  if (message.type === 'stats') process.send?.({ type: 'stats', stats: opwire.stats() });
});
process.send?.({ type: 'ready', port: (httpServer.address() as AddressInfo).port });
