import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
export const repoRoot = join(here, '../../../../..');
const bundles = new Map<string, Promise<string>>();

/** Bundles a TypeScript entry (opwire sources inlined, npm packages left external) once per run. */
function bundle(entry: string): Promise<string> {
  let pending = bundles.get(entry);
  if (!pending) {
    const dir = join(repoRoot, '.test-results', 'processes');
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, `${entry.replace(/\W+/g, '-')}-${process.pid}.mjs`);
    pending = build({
      entryPoints: [join(here, entry)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      alias: { '@opwire/protocol': join(repoRoot, 'packages/protocol/src/index.ts') },
      logLevel: 'silent',
    }).then(() => outfile);
    bundles.set(entry, pending);
  }
  return pending;
}

/** A child process speaking JSON messages over IPC. */
export interface TestProcess {
  child: ChildProcess;
  messages: Array<Record<string, unknown>>;
  send(message: Record<string, unknown>): void;
  /** Waits for a message with this `type` (and matching fields) and returns it. */
  next(
    type: string,
    match?: Record<string, unknown>,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  kill(): Promise<void>;
  readonly output: string;
}

export async function forkBundled(
  entry: string,
  env: Record<string, string>,
): Promise<TestProcess> {
  const file = await bundle(entry);
  const child = fork(file, [], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const messages: Array<Record<string, unknown>> = [];
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const waiters = new Set<() => void>();
  child.on('message', (message) => {
    messages.push(message as Record<string, unknown>);
    for (const wake of waiters) wake();
  });
  const matches = (
    message: Record<string, unknown>,
    type: string,
    match: Record<string, unknown>,
  ) =>
    message.type === type && Object.entries(match).every(([key, value]) => message[key] === value);

  return {
    child,
    messages,
    get output() {
      return output;
    },
    send(message) {
      child.send(message);
    },
    next(type, match = {}, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find((message) => matches(message, type, match));
          if (!found) return false;
          messages.splice(messages.indexOf(found), 1);
          waiters.delete(wake);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const wake = () => {
          check();
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(
            new Error(`${entry}: no "${type}" message within ${timeoutMs} ms. Output:\n${output}`),
          );
        }, timeoutMs);
        if (!check()) waiters.add(wake);
      });
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
