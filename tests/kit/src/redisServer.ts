import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { freePort } from './freePort.js';

/** A private redis-server process for one test run. */
export interface RedisServerHandle {
  readonly port: number;
  readonly url: string;
  /** Stops the process and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts the process again on the same port (after `stop`, or to simulate a crash and return). */
  restart(): Promise<void>;
  readonly running: boolean;
}

let cachedAvailable: boolean | undefined;

/** Whether a `redis-server` binary is on the PATH. */
export function redisServerAvailable(): boolean {
  cachedAvailable ??= spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  return cachedAvailable;
}

/**
 * Why Redis-backed tests should skip, or `null` when they can run. With
 * `CI=true` a missing redis-server is an error, not a skip.
 */
export function redisSkipReason(): string | null {
  if (redisServerAvailable()) return null;
  if (process.env.CI === 'true') {
    throw new Error('redis-server is not installed, and CI=true requires the Redis tests to run');
  }
  return 'redis-server is not installed: Redis tests are skipped (install it, e.g. apt-get install redis-server)';
}

/**
 * Starts `redis-server` on a free port with persistence off. It never touches
 * the machine's shared Redis instance.
 */
export async function startRedisServer(): Promise<RedisServerHandle> {
  const { port, child: first } = await spawnOnFreePort((free) => spawnRedis(free));
  let child: ChildProcess | undefined = first;

  const stop = async () => {
    const current = child;
    child = undefined;
    if (!current || current.exitCode !== null || current.signalCode !== null) return;
    const exited = once(current, 'exit');
    current.kill('SIGKILL');
    await exited;
  };

  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    stop,
    async restart() {
      await stop();
      child = await spawnRedis(port);
    },
  };
}

/** Thrown by `spawnRedis` when another process holds the port it was given. */
export class PortTakenError extends Error {}

const SPAWN_ATTEMPTS = 5;

/**
 * Runs `spawn` on a free port, and again on another one while the port turns
 * out taken by the time the server binds it (another test picked it too).
 */
export async function spawnOnFreePort(
  spawnOn: (port: number) => Promise<ChildProcess>,
): Promise<{ port: number; child: ChildProcess }> {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    try {
      return { port, child: await spawnOn(port) };
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt === SPAWN_ATTEMPTS) throw error;
    }
  }
}

/** Spawns `redis-server` on `port` without persistence, with `extra` arguments, once it is ready. */
export async function spawnRedis(
  port: number,
  extra: readonly string[] = [],
  cwd?: string,
): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => {
      const message = `redis-server exited with code ${code} before it was ready:\n${output}`;
      reject(
        output.includes('Address already in use')
          ? new PortTakenError(message)
          : new Error(message),
      );
    });
  });
  child.removeAllListeners('exit');
  child.removeAllListeners('error');
  return child;
}
