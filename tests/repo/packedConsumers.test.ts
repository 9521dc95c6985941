import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cjsConsumer,
  e2eClient,
  e2eFastifyServer,
  e2eServer,
  esmConsumer,
  reactConsumer,
  requireTypesConsumer,
  strictOptions,
} from './packedConsumers/consumerSources.js';
import { ABSENT, FLOOR, setUpMinimalProject } from './packedConsumers/minimalProject.js';
import { nestCompilerOptions, nestConsumer } from './packedConsumers/nestConsumer.js';
import {
  childEnv,
  compile,
  fileDep,
  install,
  json,
  type Packed,
  packages,
  packIntoTempDir,
  root,
  run,
  typeCheckAll,
  writeFiles,
} from './packedConsumers/packing.js';

// Release readiness: the packages as npm would publish them. Each package is
// packed with `npm pack`, the tarballs are installed into fresh projects in
// the OS temp directory (no workspace links), and real consumers use them
// there: TypeScript under node16 and bundler resolution, CommonJS require(),
// an Express server (opwireExpress) and a Fastify one (opwireFastify), each with a Node
// client completing an operation, a Nest app on @opwire/nest, React 18 and React 19
// components, and a minimal project without any optional peer, on the oldest socket.io
// the peer ranges allow.

// Versions the workspace already uses, so the npm cache usually has them.
const registryDeps = {
  express: '^5.3.0',
  '@types/express': '^5.0.6',
  '@types/node': '^20.19.43',
  ioredis: '^5.11.1',
  '@socket.io/redis-adapter': '^8.3.0',
  '@socket.io/redis-emitter': '^5.1.0',
  'jwks-rsa': '^4.1.0',
  'prom-client': '^15.1.3',
  fastify: '^5.12.8',
  'fastify-plugin': '^6.0.1',
  react19: { react: '^19.3.1', '@types/react': '^19.3.3' },
  react18: { react: '^18.3.1', '@types/react': '^18.3.8' },
  nest: {
    '@nestjs/common': '^12.5.1',
    '@nestjs/core': '^12.5.1',
    '@nestjs/platform-express': '^12.5.1',
    '@nestjs/websockets': '^12.1.1',
    '@nestjs/platform-socket.io': '^12.1.1',
    'reflect-metadata': '^0.2.2',
    rxjs: '^7.8.2',
    jsonwebtoken: '^9.0.3',
    '@types/jsonwebtoken': '^9.0.10',
  },
};

// ---------------------------------------------------------------------------

let work = '';
let packed = new Map<string, Packed>();
let serverProcess: ChildProcess | undefined;

function setUpMainProject(dir: string): void {
  const dependencies: Record<string, string> = {
    express: registryDeps.express,
    fastify: registryDeps.fastify,
    'fastify-plugin': registryDeps['fastify-plugin'],
    ioredis: registryDeps.ioredis,
    '@socket.io/redis-adapter': registryDeps['@socket.io/redis-adapter'],
    '@socket.io/redis-emitter': registryDeps['@socket.io/redis-emitter'],
    'jwks-rsa': registryDeps['jwks-rsa'],
    'prom-client': registryDeps['prom-client'],
    ...registryDeps.react19,
    ...registryDeps.nest,
    '@types/express': registryDeps['@types/express'],
    '@types/node': registryDeps['@types/node'],
  };
  for (const { name } of packages) dependencies[name] = fileDep(packed, name, dir);
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
    'src/nest-app.mts': nestConsumer,
    'tsconfig.nest.json': json({
      compilerOptions: nestCompilerOptions,
      files: ['src/nest-app.mts'],
    }),
    'consumer.cjs': cjsConsumer,
    'server.mjs': e2eServer,
    'fastify-server.mjs': e2eFastifyServer,
    'client.mjs': e2eClient,
  });
}

function setUpReactProject(dir: string, react: Record<string, string>): void {
  const dependencies: Record<string, string> = { ...react };
  for (const name of ['@opwire/protocol', '@opwire/client', '@opwire/react']) {
    dependencies[name] = fileDep(packed, name, dir);
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

/** Starts a server file of the consumer project; resolves with the JSON line it prints first. */
function startServer(
  cwd: string,
  secret: string,
  file: string,
): Promise<{ port: number; routes?: unknown }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], {
      cwd,
      env: childEnv({ OPWIRE_SECRET: secret }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    serverProcess = child;
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      reject(
        new Error(`The packed server ${file} did not start within 15 s.\n${stdout}\n${stderr}`),
      );
    }, 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as { port: number; routes?: unknown });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The packed server ${file} exited with ${code}.\n${stdout}\n${stderr}`));
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
const minimalDir = () => join(work, 'minimal');

describe('packed packages in fresh consumer projects', () => {
  beforeAll(async () => {
    ({ work, packed } = await packIntoTempDir('opwire-packed-'));

    setUpMainProject(mainDir());
    setUpReactProject(react18Dir(), registryDeps.react18);
    setUpReactProject(react19Dir(), registryDeps.react19);
    setUpMinimalProject(minimalDir(), (name) => fileDep(packed, name, minimalDir()));
    const projects = [mainDir(), react18Dir(), react19Dir(), minimalDir()];
    const installs = await Promise.allSettled(projects.map(install));
    for (const outcome of installs) if (outcome.status === 'rejected') throw outcome.reason;
  }, 200_000);

  afterAll(async () => {
    await stopServer();
    // OPWIRE_KEEP_PACKED=1 keeps the temp projects for debugging.
    if (work && process.env.OPWIRE_KEEP_PACKED !== '1')
      rmSync(work, { recursive: true, force: true });
    else if (work) console.log(`Kept the packed consumer projects in ${work}`);
    // Removing the projects' node_modules takes a while on a busy machine.
  }, 120_000);

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

  it('ships the MIT license in every tarball', () => {
    const license = readFileSync(join(root, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} opwire contributors\n/);
    for (const { name } of packages) {
      expect(packed.get(name)?.files, name).toContain('LICENSE');
      expect(readFileSync(join(mainDir(), 'node_modules', name, 'LICENSE'), 'utf8'), name).toBe(
        license,
      );
    }
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

  it.each([
    ['Express with opwireExpress', 'server.mjs'],
    ['Fastify with opwireFastify', 'fastify-server.mjs'],
  ])(
    'completes an operation end to end: %s and a Node client',
    async (name, file) => {
      const secret = 'packed-consumer-secret';
      const { port, routes } = await startServer(mainDir(), secret, file);
      try {
        // The Express server checks at start that its 404 catch-all does not shadow opwire.
        if (file === 'server.mjs') expect(routes, name).toEqual({ reached: true });
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
        expect(outcome.final).toEqual({
          status: 'succeeded',
          percent: 100,
          title: 'Packed import',
        });
        const progress = outcome.seen.filter(
          (snapshot) =>
            snapshot.status === 'running' && snapshot.percent > 0 && snapshot.percent < 100,
        );
        expect(progress.length).toBeGreaterThan(0);
        expect(outcome.seen.at(-1)?.status).toBe('succeeded');
      } finally {
        await stopServer();
      }
    },
    60_000,
  );

  it('runs a Nest app on @opwire/nest: a gateway of Nest’s socket.io copy, guards, a client', async () => {
    await compile(mainDir(), 'tsconfig.nest.json');
    const { stdout } = await run(process.execPath, ['dist-nest/nest-app.mjs'], {
      cwd: mainDir(),
      timeoutMs: 30_000,
    });
    expect(JSON.parse(stdout.trim())).toEqual({
      me: { userId: 'u1', roles: [] },
      anonymous: 401,
      result: { rows: 3 },
      listed: 1,
    });
    const nestCopy = JSON.parse(
      readFileSync(
        join(
          mainDir(),
          'node_modules/@nestjs/platform-socket.io/node_modules/socket.io/package.json',
        ),
        'utf8',
      ),
    ) as { version: string };
    const appCopy = JSON.parse(
      readFileSync(join(mainDir(), 'node_modules/socket.io/package.json'), 'utf8'),
    ) as { version: string };
    expect(nestCopy.version).not.toBe(appCopy.version);
  }, 200_000);

  it('loads @opwire/nest with require()', async () => {
    const { stdout } = await run(
      process.execPath,
      ['-e', "console.log(typeof require('@opwire/nest').OpwireModule.forRoot)"],
      { cwd: mainDir(), timeoutMs: 20_000 },
    );
    expect(stdout.trim()).toBe('function');
  }, 30_000);

  describe('in a project without any optional peer', () => {
    it('has none of them installed, and the oldest socket.io the ranges allow', () => {
      for (const name of ABSENT) {
        expect(existsSync(join(minimalDir(), 'node_modules', name)), name).toBe(false);
      }
      for (const [name, version] of Object.entries(FLOOR)) {
        const installed = JSON.parse(
          readFileSync(join(minimalDir(), 'node_modules', name, 'package.json'), 'utf8'),
        ) as { version: string };
        expect(installed.version, name).toBe(version);
      }
    });

    it.each([
      ['import', 'optional-peers.mjs'],
      ['require()', 'optional-peers.cjs'],
    ])(
      'loads every entry with %s, and names the package each feature needs',
      async (_how, file) => {
        const { stdout } = await run(process.execPath, [file], {
          cwd: minimalDir(),
          timeoutMs: 20_000,
        });
        const outcomes = JSON.parse(stdout.trim()) as Record<
          string,
          { code: string; message: string }
        >;
        const needs = {
          redisAdapter: ['redisAdapter()', '@socket.io/redis-adapter'],
          createOpwireEmitter: ['createOpwireEmitter()', '@socket.io/redis-emitter'],
          jwksAuth: ['jwksAuth()', 'jwks-rsa'],
          registerOpwireMetrics: ['registerOpwireMetrics()', 'prom-client'],
          opwireFastify: ['@opwire/server/fastify', 'fastify-plugin'],
        };
        for (const [feature, [call, name]] of Object.entries(needs)) {
          expect(outcomes[feature], feature).toEqual({
            code: 'invalid_option',
            message: `${call} needs the package "${name}", which is not installed. Install it next to @opwire/server: npm install ${name}`,
          });
        }
        // The Express helper loads nothing of Express: it runs on any object with use().
        expect(outcomes.opwireExpress).toBe('no error');
      },
      30_000,
    );

    it('completes an operation on the oldest socket.io and socket.io-client allowed', async () => {
      const { stdout } = await run(process.execPath, ['floor.mjs'], {
        cwd: minimalDir(),
        timeoutMs: 30_000,
      });
      expect(JSON.parse(stdout.trim())).toEqual({ result: { ok: true } });
    }, 40_000);

    it('type-checks the main entries with library checks on and no optional peer', async () => {
      await typeCheckAll([[minimalDir(), 'tsconfig.json']]);
    }, 180_000);
  });

  it('type-checks React consumers with React 18 and React 19', async () => {
    await typeCheckAll([
      [react18Dir(), 'tsconfig.json'],
      [react19Dir(), 'tsconfig.json'],
    ]);
  }, 180_000);
});
