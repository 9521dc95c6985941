import { join } from 'node:path';

const LIFETIME_MS = 20 * 60_000;

/**
 * Starts a bench server node of `flavor`.
 * @param {Parameters<Parameters<typeof import('../lib/children.mjs').withChildren>[0]>[0]} spawn
 * @param {import('./context.mjs').BenchContext} ctx
 * @param {'raw' | 'opwire'} flavor
 * @param {Record<string, unknown>} config
 * @param {string} label  Names the CPU profile.
 */
export async function startServer(spawn, ctx, flavor, config, label) {
  const execArgv = ['--expose-gc', ...profileArgs(ctx, `${label}-${flavor}`)];
  const server = await spawn('server.mjs', {
    name: `${flavor} server`,
    config: { flavor, ...config },
    execArgv,
    lifetimeMs: LIFETIME_MS,
    graceful: ctx.profile,
  });
  return { ...server, url: `http://127.0.0.1:${server.ready.port}` };
}

/**
 * Starts a load generator speaking to `flavor` servers.
 * @param {Parameters<Parameters<typeof import('../lib/children.mjs').withChildren>[0]>[0]} spawn
 * @param {import('./context.mjs').BenchContext} ctx
 * @param {'raw' | 'opwire'} flavor
 * @param {string} label  Names the CPU profile.
 */
export function startGenerator(spawn, ctx, flavor, label) {
  return spawn('generator.mjs', {
    name: `${flavor} load generator`,
    config: { flavor },
    execArgv: profileArgs(ctx, `${label}-${flavor}-clients`),
    lifetimeMs: LIFETIME_MS,
    graceful: ctx.profile,
  });
}

/**
 * Node flags that write a CPU profile named after `name` when `--profile` is on.
 * @param {import('./context.mjs').BenchContext} ctx
 * @param {string} name
 */
function profileArgs(ctx, name) {
  if (!ctx.profile) return [];
  return [
    '--cpu-prof',
    `--cpu-prof-dir=${ctx.profileDir}`,
    `--cpu-prof-name=${name.replace(/\W+/g, '-')}-${Date.now()}.cpuprofile`,
  ];
}

/**
 * Total CPU milliseconds a server has used so far.
 * @param {{ request: (cmd: string) => Promise<number> }} server
 */
export function serverCpu(server) {
  return server.request('cpu');
}

/** @param {string} root */
export function defaultProfileDir(root) {
  return join(root, '.bench-results', 'profiles');
}
