import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { type AppServer, startAppServer } from './appServer.js';
import { clientFactory } from './clients.js';

/**
 * Starts a fresh app server before each test of the file, and afterwards
 * unmounts what was rendered (Testing Library cleans up by itself only with
 * global test functions), closes the clients and stops the server.
 */
export function setupAppServer() {
  let current: AppServer | undefined;
  const clients = clientFactory();
  beforeEach(async () => {
    current = await startAppServer();
  });
  afterEach(async () => {
    cleanup();
    clients.closeAll();
    await current?.close();
  });
  return {
    get server(): AppServer {
      if (current === undefined) throw new Error('the server starts in beforeEach');
      return current;
    },
    /** A connected-soon client of the current server (user `u1`). */
    client: (init?: Parameters<typeof clients.create>[1]) => {
      if (current === undefined) throw new Error('the server starts in beforeEach');
      return clients.create(current.url, init);
    },
  };
}
