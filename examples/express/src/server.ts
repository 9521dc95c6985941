// The opwire demo backend on Express 5. `npm run demo` starts this file.

import { createOpwire } from '@opwire/server';
import { demoAuth } from '@opwire-examples/demo-kit';
import express from 'express';
import { apiRouter } from './api.js';
import { serveFrontends } from './frontends.js';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

const app = express();
const server = app.listen(port, host);

// opwire: attach to the HTTP server Express listens on, and mount its HTTP API.
const opwire = createOpwire({ server, auth: demoAuth() });
app.use(opwire.http);

app.use('/api', express.json(), apiRouter(opwire));
serveFrontends(app);

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
    await opwire.close();
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
