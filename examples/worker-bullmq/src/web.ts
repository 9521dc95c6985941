// The web server: logs demo users in, enqueues imports and delivers the
// worker's progress to browsers. Several of these can run behind a load balancer.
import { once } from 'node:events';
import { createOpwire } from '@opwire/server';
import { enqueueTracked, redisAdapter, redisStore } from '@opwire/server/redis';
import {
  demoAuth,
  demoLogin,
  IMPORT_STAGES,
  importDurationMs,
  importSpeed,
  parseImportRequest,
  userFromAuthorization,
} from '@opwire-examples/demo-kit';
import { Queue } from 'bullmq';
import express from 'express';
import { Redis } from 'ioredis';
import { IMPORT_QUEUE, type ImportJobData, redisUrl } from './queue.js';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const redis = new Redis(redisUrl());
const queue = new Queue<ImportJobData>(IMPORT_QUEUE, {
  connection: new Redis(redisUrl(), { maxRetriesPerRequest: null }),
});

const app = express();
const server = app.listen(port, host);

// opwire: operations live in Redis, and events from the worker arrive through the adapter.
const opwire = createOpwire({
  server,
  auth: demoAuth(),
  store: redisStore({ redis }),
  adapter: redisAdapter({ redis }),
});
app.use(opwire.http);
await opwire.ready();

app.use(express.json());

// DEMO ONLY: issues tokens for the demo users (password "demo").
app.post('/api/login', (req, res) => {
  const login = demoLogin(req.body);
  if (login) res.json(login);
  else res.status(401).json({ error: 'Unknown demo user or wrong password' });
});

app.post('/api/imports', async (req, res) => {
  const user = userFromAuthorization(req.headers.authorization);
  if (!user) {
    res.status(401).json({ error: 'Log in first' });
    return;
  }
  const request = parseImportRequest(req.body);
  if (typeof request === 'string') {
    res.status(400).json({ error: request });
    return;
  }
  // opwire: the operation exists, queued and visible to the tenant, before the job is added.
  const { operationId } = await enqueueTracked(
    opwire.operation,
    queue,
    'user-import',
    { request },
    {
      audience: { tenant: user.tenantId },
      title: 'CSV user import (BullMQ)',
      stages: IMPORT_STAGES,
      estimatedDurationMs: importDurationMs(importSpeed()),
    },
  );
  res.status(202).json({ operationId });
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    server.close(() => process.exit(0));
    await opwire.close();
    await queue.close();
    server.closeAllConnections();
  });
}

if (!server.listening) await once(server, 'listening');
console.log(`opwire BullMQ web server listening on http://${host}:${port}`);
