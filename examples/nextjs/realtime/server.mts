// The realtime process: opwire's Socket.IO server and HTTP API, and nothing
// else. The Next app and the worker reach its clients through Redis.
import { createServer } from 'node:http';
import { createOpwire } from '@opwire/server';
import { redisAdapter, redisStore } from '@opwire/server/redis';
import { Redis } from 'ioredis';
import { auth } from '../lib/auth.js';
import { REDIS_URL } from '../lib/settings.js';

const port = Number(process.env.PORT ?? 4000);
const host = process.env.HOST ?? '127.0.0.1';
// The Next app's origin: its pages connect from there.
const appOrigin = process.env.APP_ORIGIN ?? 'http://127.0.0.1:3000';

const redis = new Redis(REDIS_URL);
const server = createServer((req, res) => opwire.http(req, res));
const opwire = createOpwire({
  server,
  auth,
  cors: { origin: appOrigin },
  store: redisStore({ redis }),
  adapter: redisAdapter({ redis }),
});
await opwire.ready();
server.listen(port, host, () => console.log(`opwire realtime listening on http://${host}:${port}`));

process.once('SIGTERM', async () => {
  await opwire.close();
  server.close(() => process.exit(0));
});
