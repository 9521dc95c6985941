// A web node in its own process: HTTP server + opwire on Redis (store and adapter).
// Env: REDIS_URL or REDIS_CLUSTER, PORT, HISTORY_LIMIT; LEASE_MS, RENEW_MS, SWEEP_MS and GRACE_MS set its lifecycle.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOpwire } from '@opwire/server';
import { redisAdapter, redisStore } from '@opwire/server/redis';
import { kickSockets } from '../kickSockets.js';
import { lifecycleFromEnv } from '../lifecycleEnv.js';
import { redisFromEnv } from '../redisFromEnv.js';
import { testAuth } from '../tokens.js';

const redis = redisFromEnv();
const httpServer = createServer();
const opwire = createOpwire({
  server: httpServer,
  auth: testAuth,
  store: redisStore({ redis, historyLimit: Number(process.env.HISTORY_LIMIT ?? 200) }),
  adapter: redisAdapter({ redis }),
  progressIntervalMs: 0,
  lifecycle: lifecycleFromEnv(),
});
opwire.events.on('error', (error) => process.send?.({ type: 'error', message: error.message }));
await opwire.ready();
await new Promise<void>((resolve) =>
  httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1', resolve),
);
process.send?.({ type: 'ready', port: (httpServer.address() as AddressInfo).port });

process.on(
  'message',
  async (message: {
    type: string;
    id?: string;
    ids?: string[];
    audience?: Record<string, string>;
    picks?: number[];
  }) => {
    if (message.type === 'start') {
      const op = opwire.operation.start('node-job', {
        audience: message.audience ?? {},
        ...(message.id ? { id: message.id } : {}),
      });
      op.progress(10);
      process.send?.({ type: 'started', id: op.id });
    }
    if (message.type === 'snapshots') {
      const ids = message.ids ?? [];
      const snapshots = await Promise.all(ids.map((id) => opwire.operation.get(id)));
      process.send?.({ type: 'snapshots', snapshots });
    }
    if (message.type === 'kick') {
      process.send?.({ type: 'kicked', count: kickSockets(opwire.io, message.picks ?? []) });
    }
    if (message.type === 'close') {
      await opwire.close();
      httpServer.close();
      redis.disconnect();
      process.send?.({ type: 'closed' });
    }
  },
);
