import { type ChildProcess, execFile, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Cluster } from 'ioredis';
import { freePort } from './freePort.js';
import { RIDE_OUT_RESTARTS } from './redisFromEnv.js';
import { redisServerAvailable, spawnOnFreePort, spawnRedis } from './redisServer.js';

const run = promisify(execFile);
const MASTERS = 3;

/** A private three-master Redis Cluster (no replicas, no persistence) for one test run. */
export interface RedisClusterHandle {
  readonly ports: readonly number[];
  /** `host:port` of every master, comma-separated (what the test processes read from the env). */
  readonly nodesList: string;
  /** A new ioredis Cluster client on it. */
  client(): Cluster;
  /** SIGKILLs one master. */
  stopNode(index: number): Promise<void>;
  /**
   * Starts a stopped master again on its port with its own nodes.conf: it
   * keeps its slots and comes back empty. Resolves once the cluster is ok.
   */
  startNode(index: number): Promise<void>;
  /** Stops every master and removes their files. */
  stop(): Promise<void>;
}

let cachedCli: boolean | undefined;

/** Why cluster tests should skip, or `null`. With `CI=true` missing binaries are an error. */
export function redisClusterSkipReason(): string | null {
  cachedCli ??= spawnSync('redis-cli', ['--version'], { stdio: 'ignore' }).status === 0;
  if (redisServerAvailable() && cachedCli) return null;
  if (process.env.CI === 'true') {
    throw new Error(
      'redis-server or redis-cli is missing, and CI=true requires the Redis Cluster tests to run',
    );
  }
  return 'redis-server or redis-cli is not installed: Redis Cluster tests are skipped (apt-get install redis-server redis-tools)';
}

/** Starts three masters on free ports, creates the cluster, and waits for `cluster_state:ok`. */
export async function startRedisCluster(): Promise<RedisClusterHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'opwire-cluster-'));
  // The bus port is given too: by default it is the port plus 10,000, which may be taken.
  const busPorts = new Map<number, number>();
  const spawnNode = (port: number) =>
    spawnRedis(
      port,
      [
        '--cluster-enabled',
        'yes',
        '--cluster-port',
        String(busPorts.get(port)),
        '--cluster-config-file',
        `nodes-${port}.conf`,
        '--cluster-node-timeout',
        '3000',
      ],
      dir,
    );
  const ports: number[] = [];
  const children: (ChildProcess | undefined)[] = [];
  for (let i = 0; i < MASTERS; i += 1) {
    const started = await spawnOnFreePort(async (port) => {
      busPorts.set(port, await freePort());
      return spawnNode(port);
    });
    ports.push(started.port);
    children.push(started.child);
  }
  await run('redis-cli', [
    '--cluster',
    'create',
    ...ports.map((port) => `127.0.0.1:${port}`),
    '--cluster-replicas',
    '0',
    '--cluster-yes',
  ]);
  await clusterOk(ports);

  const stopNode = async (index: number) => {
    const child = children[index];
    children[index] = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };

  return {
    ports,
    nodesList: ports.map((port) => `127.0.0.1:${port}`).join(','),
    client: () =>
      new Cluster(
        ports.map((port) => ({ host: '127.0.0.1', port })),
        RIDE_OUT_RESTARTS,
      ),
    stopNode,
    async startNode(index) {
      children[index] = await spawnNode(ports[index] as number);
      await clusterOk(ports);
    },
    async stop() {
      await Promise.all(ports.map((_, index) => stopNode(index)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until every master reports `cluster_state:ok`. */
async function clusterOk(ports: readonly number[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const states = await Promise.all(
      ports.map((port) =>
        run('redis-cli', ['-p', String(port), 'cluster', 'info']).then(
          ({ stdout }) => stdout.includes('cluster_state:ok'),
          () => false,
        ),
      ),
    );
    if (states.every(Boolean)) return;
    if (Date.now() > deadline) throw new Error(`Redis Cluster on ${ports.join(', ')} is not ok`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Which master (index into `ports`) holds `key`'s slot, asked through `client`. */
export async function masterOf(
  cluster: RedisClusterHandle,
  client: Cluster,
  key: string,
): Promise<number> {
  const slot = Number(await client.cluster('KEYSLOT', key));
  const ranges = await client.cluster('SLOTS');
  const range = ranges.find(([start, end]) => slot >= start && slot <= end);
  const index = cluster.ports.indexOf(Number(range?.[2]?.[1]));
  if (index < 0) throw new Error(`no master holds slot ${slot}`);
  return index;
}
