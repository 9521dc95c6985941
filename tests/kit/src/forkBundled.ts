import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { SOURCE_ALIASES, TEST_KIT_SOURCE } from './sourceAliases.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** The test processes the kit provides, for {@link forkBundled}. */
export const KIT_PROCESSES = {
  /** A web node on Redis (store and adapter); see processes/webNodeProcess.ts. */
  webNode: fileURLToPath(new URL('./processes/webNodeProcess.ts', import.meta.url)),
  /** A worker reporting through `createOpwireEmitter`; see processes/workerProcess.ts. */
  worker: fileURLToPath(new URL('./processes/workerProcess.ts', import.meta.url)),
  /** A BullMQ worker running jobs with `trackBullJob`; see processes/bullWorkerProcess.ts. */
  bullWorker: fileURLToPath(new URL('./processes/bullWorkerProcess.ts', import.meta.url)),
} as const;

const bundles = new Map<string, Promise<string>>();

/** Resolves opwire's package names (and the test kit's) to their sources, as the tests do. */
const opwireSources: Plugin = {
  name: 'opwire-sources',
  setup(builder) {
    const sources = new Map(SOURCE_ALIASES);
    builder.onResolve({ filter: /^@opwire\// }, (args) => {
      const source = sources.get(args.path);
      if (source !== undefined) return { path: source };
      const kitModule = /^@opwire\/test-kit\/(.+)$/.exec(args.path)?.[1];
      return kitModule === undefined
        ? undefined
        : { path: join(TEST_KIT_SOURCE, `${kitModule}.ts`) };
    });
  },
};

/**
 * Bundles a TypeScript entry for Node (opwire sources inlined, npm packages left external),
 * once per run, and returns the bundle's path.
 */
export function bundleTestProcess(entryFile: string | URL): Promise<string> {
  const entry = entryFile instanceof URL ? fileURLToPath(entryFile) : entryFile;
  let pending = bundles.get(entry);
  if (!pending) {
    const dir = join(repoRoot, '.test-results', 'processes');
    mkdirSync(dir, { recursive: true });
    const name = `${basename(entry).replace(/\W+/g, '-')}-${bundles.size}-${process.pid}.mjs`;
    const outfile = join(dir, name);
    pending = build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      plugins: [opwireSources],
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

/**
 * Bundles `entry` and forks it with `env` added to this process's environment. `entry` is one
 * of {@link KIT_PROCESSES}, or a suite's own file: `new URL('./serverProcess.ts', import.meta.url)`.
 */
export async function forkBundled(
  entryFile: string | URL,
  env: Record<string, string>,
): Promise<TestProcess> {
  const entry = entryFile instanceof URL ? fileURLToPath(entryFile) : entryFile;
  const file = await bundleTestProcess(entry);
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
            new Error(
              `${basename(entry)}: no "${type}" message within ${timeoutMs} ms. Output:\n${output}`,
            ),
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
