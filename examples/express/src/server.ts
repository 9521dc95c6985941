// The opwire demo backend on Express 5. `npm run demo` starts this file.

import { opwireExpress } from '@opwire/server/express';
import { demoAuth } from '@opwire-examples/demo-kit';
import express from 'express';
import { apiRouter } from './api.js';
import { serveFrontends } from './frontends.js';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

const app = express();
// opwire: its routes first, before the pages' catch-all; Socket.IO once the server exists.
const wired = opwireExpress(app, { auth: demoAuth() });

app.use('/api', express.json(), apiRouter(wired));
serveFrontends(app);

const server = wired.attach(app.listen(port, host));

server.once('listening', () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  console.log(`opwire Express example listening on http://${host}:${actual}`);
});
server.once('error', (error) => {
  console.error(`Could not listen on ${host}:${port}: ${error.message}`);
  process.exit(1);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await wired.opwire.close();
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
