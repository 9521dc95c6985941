import { spawnSync } from 'node:child_process';
import { startChild } from './children.mjs';
import { freePort } from './freePort.mjs';

/** Whether a `redis-server` binary is on the PATH. */
export function redisServerInstalled() {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Starts a private redis-server on a free port (never the shared 6379), with
 * persistence off, behind a keeper process that kills it when the bench ends.
 * @param {number} lifetimeMs
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startPrivateRedis(lifetimeMs) {
  const port = await freePort();
  if (port === 6379) throw new Error('refusing to start a private redis-server on 6379');
  const keeper = await startChild('redisKeeper.mjs', {
    name: 'redis-server keeper',
    config: { port },
    lifetimeMs,
    graceful: true,
  });
  return { url: keeper.ready.url, stop: () => keeper.kill() };
}
