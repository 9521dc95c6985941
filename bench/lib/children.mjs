import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Running children, and whether each must be asked to exit rather than killed outright. */
/** @type {Map<import('node:child_process').ChildProcess, boolean>} */
const live = new Map();
const OUTPUT_KEPT = 20_000;

/**
 * Stops every child process still running: SIGTERM for those that clean up
 * after themselves (the redis-server keeper), SIGKILL for the rest. Safe to
 * call any number of times, also from an exit handler.
 */
export function killAllChildren() {
  for (const [child, graceful] of live) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(graceful ? 'SIGTERM' : 'SIGKILL');
    }
  }
  live.clear();
}

/**
 * @typedef {object} Child
 * @property {string} name
 * @property {number} pid
 * @property {(cmd: string, args?: unknown, timeoutMs?: number) => Promise<any>} request
 *   Sends a command and resolves with the child's answer.
 * @property {(cmd: string, args?: unknown) => void} notify  Sends a command that gets no answer.
 * @property {(event: string, handler: (data: any) => void) => void} on  Hears a child's event.
 * @property {() => string} output  The last lines the child printed.
 * @property {() => Promise<void>} kill
 */

/**
 * Forks one of the bench processes (bench/processes/*.mjs), waits until it says
 * it is ready and returns a handle that speaks the request/answer protocol of
 * bench/processes/serve.mjs. The child dies with this process.
 *
 * @param {string} entry file name under bench/processes
 * @param {{ name: string, config?: unknown, execArgv?: string[], readyTimeoutMs?: number, lifetimeMs: number, graceful?: boolean }} options
 *   `graceful`: ask the child to exit before killing it (a CPU profile is only written on exit).
 * @returns {Promise<Child & { ready: any }>}
 */
export async function startChild(entry, options) {
  const file = fileURLToPath(new URL(`../processes/${entry}`, import.meta.url));
  const child = fork(file, [], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      BENCH_CONFIG: JSON.stringify(options.config ?? {}),
      BENCH_LIFETIME_MS: String(options.lifetimeMs),
    },
    execArgv: options.execArgv ?? [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  live.set(child, options.graceful === true);
  let output = '';
  const keep = (/** @type {Buffer} */ chunk) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let nextId = 1;
  /** @type {Map<number, { resolve: (value: any) => void, reject: (error: Error) => void, timer: NodeJS.Timeout }>} */
  const pending = new Map();
  /** @type {Map<string, Array<(data: any) => void>>} */
  const listeners = new Map();
  let exitError = /** @type {Error | null} */ (null);

  child.on('message', (/** @type {any} */ message) => {
    if (message.id !== undefined) {
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      clearTimeout(waiter.timer);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(`${options.name}: ${message.error}`));
      return;
    }
    for (const handler of listeners.get(message.event) ?? []) handler(message.data);
  });
  child.on('exit', (code, signal) => {
    live.delete(child);
    exitError = new Error(
      `${options.name} exited (code ${code}, signal ${signal}). Output:\n${output.trim()}`,
    );
    for (const waiter of pending.values()) {
      clearTimeout(waiter.timer);
      waiter.reject(exitError);
    }
    pending.clear();
    for (const handler of listeners.get('exit') ?? []) handler(exitError);
  });

  /** @type {Child} */
  const handle = {
    name: options.name,
    pid: child.pid ?? -1,
    request(cmd, args, timeoutMs = 120_000) {
      if (exitError) return Promise.reject(exitError);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${options.name}: "${cmd}" got no answer within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
        child.send({ id, cmd, args });
      });
    },
    notify(cmd, args) {
      if (!exitError) child.send({ cmd, args });
    },
    on(event, handler) {
      listeners.set(event, [...(listeners.get(event) ?? []), handler]);
    },
    output: () => output,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      if (options.graceful && !exitError) {
        child.send({ cmd: 'exit' });
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
        return;
      }
      child.kill('SIGKILL');
      await exited;
    },
  };

  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${options.name} was not ready in time. Output:\n${output.trim()}`));
    }, options.readyTimeoutMs ?? 30_000);
    handle.on('ready', (data) => {
      clearTimeout(timer);
      resolve(data);
    });
    handle.on('exit', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  }).catch(async (error) => {
    await handle.kill();
    throw error;
  });
  return { ...handle, ready };
}

/**
 * Runs `body` with a spawner whose children are all killed when `body`
 * settles, whether it succeeded or failed (children still starting then are
 * killed once they are up).
 *
 * @template T
 * @param {(spawn: (entry: string, options: Parameters<typeof startChild>[1]) => ReturnType<typeof startChild>) => Promise<T>} body
 * @returns {Promise<T>}
 */
export async function withChildren(body) {
  /** @type {ReturnType<typeof startChild>[]} */
  const starting = [];
  try {
    return await body((entry, options) => {
      const child = startChild(entry, options);
      starting.push(child);
      return child;
    });
  } finally {
    const settled = await Promise.allSettled(starting);
    await Promise.all(
      settled.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value.kill() : null)),
    );
  }
}
