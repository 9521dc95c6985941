import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cjsConsumer,
  e2eClient,
  e2eServer,
  esmConsumer,
  reactConsumer,
  requireTypesConsumer,
  strictOptions,
} from './packedConsumers/consumerSources.js';

// Release readiness: the packages as npm would publish them. Each package is
// packed with `npm pack`, the tarballs are installed into fresh projects in
// the OS temp directory (no workspace links), and real consumers use them
// there: TypeScript under node16 and bundler resolution, CommonJS require(),
// an Express server and a Node client completing an operation, and React 18
// and React 19 components.

const root = fileURLToPath(new URL('../..', import.meta.url));
const tscBin = join(root, 'node_modules/typescript/bin/tsc');

interface PackageInfo {
  name: string;
  dir: string;
  built: string[];
}

const packages: PackageInfo[] = [
  {
    name: '@opwire/protocol',
    dir: 'packages/protocol',
    built: ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts'],
  },
  {
    name: '@opwire/server',
    dir: 'packages/server-sdk',
    built: [
      'index.js',
      'index.cjs',
      'index.d.ts',
      'index.d.cts',
      'redis/index.js',
      'redis/index.cjs',
      'redis/index.d.ts',
      'redis/index.d.cts',
    ],
  },
  {
    name: '@opwire/client',
    dir: 'packages/client-sdk',
    built: ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts'],
  },
  {
    name: '@opwire/react',
    dir: 'packages/react-bindings',
    built: ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts'],
  },
];

// Versions the workspace already uses, so the npm cache usually has them.
const registryDeps = {
  express: '^5.3.0',
  '@types/express': '^5.0.6',
  '@types/node': '^20.19.43',
  ioredis: '^5.11.1',
  react19: { react: '^19.3.1', '@types/react': '^19.3.3' },
  react18: { react: '^18.3.1', '@types/react': '^18.3.8' },
};

interface RunResult {
  stdout: string;
  stderr: string;
}

/** The environment of child processes, without the npm_* variables of an enclosing `npm test`. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toLowerCase().startsWith('npm_')) env[key] = value;
  }
  return { ...env, ...extra };
}

function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; timeoutMs: number; env?: Record<string, string> },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      {
        cwd: options.cwd,
        timeout: options.timeoutMs,
        maxBuffer: 16 * 1024 * 1024,
        env: childEnv(options.env),
      },
      (error, stdout, stderr) => {
        if (error) {
          const reason = error.killed ? `timed out after ${options.timeoutMs} ms` : error.message;
          reject(
            new Error(
              `\`${[command, ...args].join(' ')}\` in ${options.cwd} failed: ${reason}\n` +
                `--- stdout\n${stdout}\n--- stderr\n${stderr}`,
            ),
          );
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
  });
}

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Runs the workspace's TypeScript compiler on a project of the temp directory. */
function typeCheck(cwd: string, config: string): Promise<RunResult> {
  return run(process.execPath, [tscBin, '-p', config, '--noEmit', '--pretty', 'false'], {
    cwd,
    timeoutMs: 150_000,
  });
}

/** Runs every type-check to its end and reports all failures together. */
async function typeCheckAll(checks: Array<[cwd: string, config: string]>): Promise<void> {
  const outcomes = await Promise.allSettled(checks.map(([cwd, config]) => typeCheck(cwd, config)));
  const failures = outcomes.flatMap((outcome) =>
    outcome.status === 'rejected'
      ? [outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason)]
      : [],
  );
  if (failures.length > 0) throw new Error(failures.join('\n\n'));
}

async function install(cwd: string): Promise<void> {
  try {
    await run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
      { cwd, timeoutMs: 150_000 },
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Installing the packed tarballs into ${cwd} failed. Is the npm registry reachable?\n${message}`,
    );
  }
}

// ---------------------------------------------------------------------------

let work = '';
const tarballs = new Map<string, string>();
let serverProcess: ChildProcess | undefined;

function fileDep(name: string, project: string): string {
  const tarball = tarballs.get(name);
  if (!tarball) throw new Error(`No tarball was packed for ${name}`);
  return `file:${relative(project, tarball)}`;
}

function setUpMainProject(dir: string): void {
  const dependencies: Record<string, string> = {
    express: registryDeps.express,
    ioredis: registryDeps.ioredis,
    ...registryDeps.react19,
    '@types/express': registryDeps['@types/express'],
    '@types/node': registryDeps['@types/node'],
  };
  for (const { name } of packages) dependencies[name] = fileDep(name, dir);
  writeFiles(dir, {
    'package.json': json({
      name: 'opwire-packed-consumer',
      version: '1.0.0',
      private: true,
      type: 'module',
      dependencies,
    }),
    'src/consumer.ts': esmConsumer,
    'src/consumer-require.cts': requireTypesConsumer,
    'tsconfig.node16.json': json({
      compilerOptions: {
        ...strictOptions,
        module: 'node16',
        moduleResolution: 'node16',
        lib: ['es2022'],
      },
      files: ['src/consumer.ts', 'src/consumer-require.cts'],
    }),
    'tsconfig.bundler.json': json({
      compilerOptions: {
        ...strictOptions,
        module: 'esnext',
        moduleResolution: 'bundler',
        lib: ['es2022'],
      },
      files: ['src/consumer.ts'],
    }),
    'consumer.cjs': cjsConsumer,
    'server.mjs': e2eServer,
    'client.mjs': e2eClient,
  });
}

function setUpReactProject(dir: string, react: Record<string, string>): void {
  const dependencies: Record<string, string> = { ...react };
  for (const name of ['@opwire/protocol', '@opwire/client', '@opwire/react']) {
    dependencies[name] = fileDep(name, dir);
  }
  writeFiles(dir, {
    'package.json': json({
      name: 'opwire-packed-react-consumer',
      version: '1.0.0',
      private: true,
      type: 'module',
      dependencies,
    }),
    'src/App.tsx': reactConsumer,
    'tsconfig.json': json({
      compilerOptions: {
        ...strictOptions,
        module: 'esnext',
        moduleResolution: 'bundler',
        jsx: 'react-jsx',
        lib: ['es2022', 'dom', 'dom.iterable'],
      },
      files: ['src/App.tsx'],
    }),
  });
}

function startServer(cwd: string, secret: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['server.mjs'], {
      cwd,
      env: childEnv({ OPWIRE_SECRET: secret }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    serverProcess = child;
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      reject(
        new Error(`The packed Express server did not start within 15 s.\n${stdout}\n${stderr}`),
      );
    }, 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { port: number }).port);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The packed Express server exited with ${code}.\n${stdout}\n${stderr}`));
    });
  });
}

function stopServer(): Promise<void> {
  const child = serverProcess;
  serverProcess = undefined;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const mainDir = () => join(work, 'consumer');
const react18Dir = () => join(work, 'react18');
const react19Dir = () => join(work, 'react19');

describe('packed packages in fresh consumer projects', () => {
  beforeAll(async () => {
    for (const pkg of packages) {
      for (const file of pkg.built) {
        const path = join(root, pkg.dir, 'dist', file);
        if (!existsSync(path)) {
          throw new Error(
            `${pkg.name} is not built (${relative(root, path)} is missing): run \`npm run build\` first.`,
          );
        }
      }
    }

    work = realpathSync(mkdtempSync(join(tmpdir(), 'opwire-packed-')));
    if (!relative(root, work).startsWith('..')) {
      throw new Error(`The temp directory ${work} is inside the repository; set TMPDIR elsewhere.`);
    }

    const packDir = join(work, 'tarballs');
    mkdirSync(packDir);
    const workspaceArgs = packages.flatMap(({ name }) => ['-w', name]);
    const packed = await run(
      'npm',
      ['pack', '--json', '--pack-destination', packDir, '--loglevel=error', ...workspaceArgs],
      { cwd: root, timeoutMs: 60_000 },
    );
    const entries = JSON.parse(packed.stdout) as Array<{ name: string; filename: string }>;
    for (const entry of entries) tarballs.set(entry.name, join(packDir, entry.filename));
    for (const { name } of packages) {
      const tarball = tarballs.get(name);
      if (!tarball || !existsSync(tarball))
        throw new Error(`npm pack produced no tarball for ${name}`);
    }

    try {
      await run('npm', ['ping', '--loglevel=error'], { cwd: work, timeoutMs: 20_000 });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`The npm registry is not reachable; this test needs it.\n${message}`);
    }

    setUpMainProject(mainDir());
    setUpReactProject(react18Dir(), registryDeps.react18);
    setUpReactProject(react19Dir(), registryDeps.react19);
    const installs = await Promise.allSettled([mainDir(), react18Dir(), react19Dir()].map(install));
    for (const outcome of installs) if (outcome.status === 'rejected') throw outcome.reason;
  }, 200_000);

  afterAll(async () => {
    await stopServer();
    // OPWIRE_KEEP_PACKED=1 keeps the temp projects for debugging.
    if (work && process.env.OPWIRE_KEEP_PACKED !== '1')
      rmSync(work, { recursive: true, force: true });
    else if (work) console.log(`Kept the packed consumer projects in ${work}`);
  });

  it('installs real copies, not workspace links', () => {
    for (const { name } of packages) {
      const installed = join(mainDir(), 'node_modules', name);
      expect(realpathSync(installed).startsWith(mainDir())).toBe(true);
      expect(existsSync(join(installed, 'src'))).toBe(false);
    }
    // The packed server brings its own dependencies.
    expect(existsSync(join(mainDir(), 'node_modules/jsonwebtoken/package.json'))).toBe(true);
    expect(existsSync(join(mainDir(), 'node_modules/socket.io-client/package.json'))).toBe(true);
  });

  it('type-checks ESM consumers with node16 and bundler resolution', async () => {
    await typeCheckAll([
      [mainDir(), 'tsconfig.node16.json'],
      [mainDir(), 'tsconfig.bundler.json'],
    ]);
  }, 180_000);

  it('runs a CommonJS require() consumer', async () => {
    const { stdout } = await run(process.execPath, ['consumer.cjs'], {
      cwd: mainDir(),
      timeoutMs: 20_000,
    });
    expect(JSON.parse(stdout.trim())).toEqual({ ok: true });
  }, 30_000);

  it('completes an operation end to end: Express server and Node client', async () => {
    const secret = 'packed-consumer-secret';
    const port = await startServer(mainDir(), secret);
    try {
      const { stdout } = await run(process.execPath, ['client.mjs'], {
        cwd: mainDir(),
        timeoutMs: 30_000,
        env: { OPWIRE_URL: `http://127.0.0.1:${port}`, OPWIRE_SECRET: secret },
      });
      const outcome = JSON.parse(stdout.trim()) as {
        httpStatus: number;
        operationId: string;
        result: unknown;
        final: { status: string; percent: number; title: string | null };
        seen: Array<{ status: string; percent: number; message: string | null }>;
      };
      expect(outcome.httpStatus).toBe(202);
      expect(outcome.operationId).toEqual(expect.any(String));
      expect(outcome.result).toEqual({ imported: 42 });
      expect(outcome.final).toEqual({ status: 'succeeded', percent: 100, title: 'Packed import' });
      const progress = outcome.seen.filter(
        (snapshot) =>
          snapshot.status === 'running' && snapshot.percent > 0 && snapshot.percent < 100,
      );
      expect(progress.length).toBeGreaterThan(0);
      expect(outcome.seen.at(-1)?.status).toBe('succeeded');
    } finally {
      await stopServer();
    }
  }, 60_000);

  it('type-checks React consumers with React 18 and React 19', async () => {
    await typeCheckAll([
      [react18Dir(), 'tsconfig.json'],
      [react19Dir(), 'tsconfig.json'],
    ]);
  }, 180_000);
});
