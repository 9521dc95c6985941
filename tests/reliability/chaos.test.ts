import type { OperationSnapshot } from '@opwire/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import type { OpwireClient } from '../../packages/client-sdk/src/index.js';
import {
  forkBundled,
  type TestProcess,
} from '../../packages/server-sdk/src/__tests__/support/forkBundled.js';
import { waitFor } from '../../packages/server-sdk/src/__tests__/support/waitFor.js';
import {
  type RedisServerHandle,
  redisSkipReason,
  startRedisServer,
} from '../support/redisServer.js';
import { createChaosClient } from './chaos/chaosClient.js';
import { type Observer, observe } from './chaos/observer.js';
import { canSee, planOperations, USERS } from './chaos/plan.js';
import { pick, seededRandom } from './chaos/random.js';
import { type Relay, startRelay } from './chaos/relay.js';

const LONG = process.env.OPWIRE_LONG === '1';
const SEED = Number(process.env.OPWIRE_SEED ?? Date.now() % 2 ** 31);
const OPERATIONS = LONG ? 2_000 : 200;
const CLIENTS = 50;
const SPREAD_MS = LONG ? 120_000 : 8_000;
const skipReason = redisSkipReason();
if (skipReason) console.warn(skipReason);

const processes: TestProcess[] = [];
const relays: Relay[] = [];
const clients: OpwireClient[] = [];
let redis: RedisServerHandle | undefined;

async function startNode(port = 0) {
  const node = await forkBundled('webNodeProcess.ts', {
    REDIS_URL: (redis as RedisServerHandle).url,
    HISTORY_LIMIT: '20',
    PORT: String(port),
  });
  processes.push(node);
  return { process: node, port: (await node.next('ready', {}, 20_000)).port as number };
}

const truthOf = (snapshot: OperationSnapshot) => ({
  status: snapshot.status,
  percent: snapshot.percent,
  stage: snapshot.stage,
  message: snapshot.message,
  result: snapshot.result,
  error: snapshot.error,
  seq: snapshot.seq,
});

describe.skipIf(skipReason !== null)(
  'chaos: convergence under disconnects, node and Redis restarts',
  () => {
    afterAll(async () => {
      for (const client of clients) client.close();
      await Promise.all(relays.map((relay) => relay.close()));
      await Promise.all(processes.map((child) => child.kill()));
      await redis?.stop();
    });

    it(`every client converges on every operation it may see (${OPERATIONS} operations, ${CLIENTS} clients)`, async () => {
      console.info(`chaos seed: ${SEED} (replay with OPWIRE_SEED=${SEED})`);
      const random = seededRandom(SEED);
      redis = await startRedisServer();
      let nodeA = await startNode();
      const nodeB = await startNode();
      const worker = await forkBundled('../../../../../tests/reliability/chaos/chaosWorker.ts', {
        REDIS_URL: redis.url,
      });
      processes.push(worker);
      await worker.next('ready', {}, 20_000);

      const plans = planOperations(random, OPERATIONS, SPREAD_MS);
      const byId = new Map(plans.map((plan) => [plan.id, plan]));
      const observers: Observer[] = [];
      const clientOf = new Map<Observer, OpwireClient>();
      for (let index = 0; index < CLIENTS; index += 1) {
        const user = USERS[index % USERS.length] as string;
        const prefersA = index % 2 === 0;
        const relay = await startRelay(() =>
          prefersA ? [nodeA.port, nodeB.port] : [nodeB.port, nodeA.port],
        );
        relays.push(relay);
        const client = createChaosClient(relay.url, user);
        clients.push(client);
        const observer = observe(client, user, byId);
        observers.push(observer);
        clientOf.set(observer, client);
      }
      await waitFor(
        () => clients.every((client) => client.status === 'connected'),
        20_000,
        'every client to connect',
      );

      const finals = new Map<string, OperationSnapshot>();
      worker.child.on(
        'message',
        (message: { type: string; id: string; snapshot: OperationSnapshot }) => {
          if (message.type === 'done') finals.set(message.id, message.snapshot);
        },
      );
      worker.send({ type: 'run', plans });

      const started = Date.now();
      let nodeKilled = false;
      let redisRestarted = false;
      const disruptions: string[] = [];
      let kicked = 0;
      let redisDownAt = Number.NEGATIVE_INFINITY;
      // Redis runs without persistence here: an operation that ended before it went down is gone
      // with it. One that ended later was written to the new Redis by the worker and must converge.
      const mayBeForgotten = (id: string) => (finals.get(id)?.endedAt ?? Infinity) <= redisDownAt;
      while (finals.size < OPERATIONS && Date.now() - started < SPREAD_MS + 60_000) {
        await new Promise((resolve) => setTimeout(resolve, 150 + random() * 200));
        const elapsed = Date.now() - started;
        if (!nodeKilled && elapsed > SPREAD_MS * 0.3) {
          nodeKilled = true;
          disruptions.push('node A killed');
          await nodeA.process.kill();
          nodeA = await startNode(nodeA.port);
          continue;
        }
        if (!redisRestarted && elapsed > SPREAD_MS * 0.6) {
          redisRestarted = true;
          disruptions.push('Redis restarted');
          await redis.stop();
          redisDownAt = Date.now();
          await redis.restart();
          continue;
        }
        const relay = pick(random, relays);
        const action = pick(random, ['drop', 'drop', 'pause', 'kick'] as const);
        disruptions.push(action);
        if (action === 'drop') relay.drop();
        else if (action === 'pause') relay.pause(800 + random() * 1_200);
        else {
          const node = pick(random, [nodeA, nodeB]).process;
          node.send({ type: 'kick', picks: [random(), random()] });
          kicked += (await node.next('kicked', {}, 5_000)).count as number;
        }
      }
      expect(finals.size, 'operations the worker finished').toBe(OPERATIONS);
      expect(nodeKilled).toBe(true);
      expect(redisRestarted).toBe(true);

      // Every client follows every operation it may see (a page showing them all), then must converge.
      for (const observer of observers)
        for (const plan of plans) if (canSee(plan, observer.user)) observer.follow(plan.id);
      let forgotten = 0;
      const mismatches = () => {
        const found: string[] = [];
        forgotten = 0;
        for (const observer of observers) {
          const client = clientOf.get(observer) as OpwireClient;
          for (const id of observer.followed) {
            const truth = finals.get(id);
            const handle = client.operation(id);
            const snapshot = handle.getSnapshot();
            // Redis (without persistence) forgot operations that ended before its restart: a client that
            // had not seen the end of one can only be told it is gone.
            if (mayBeForgotten(id) && handle.error?.code === 'not_found') {
              forgotten += 1;
              continue;
            }
            if (
              !truth ||
              !snapshot ||
              JSON.stringify(truthOf(snapshot)) !== JSON.stringify(truthOf(truth))
            ) {
              found.push(
                `${observer.user}: ${id} ${handle.error?.code ?? ''} ${JSON.stringify(snapshot && truthOf(snapshot))} ≠ ${JSON.stringify(truth && truthOf(truth))}`,
              );
            }
          }
        }
        return found;
      };
      await waitFor(() => mismatches().length === 0, 30_000, 'convergence').catch(() => {});
      const followed = observers.reduce((sum, observer) => sum + observer.followed.size, 0);
      console.info(
        `chaos: ${disruptions.length} disruptions (${kicked} sockets kicked), ${followed} (client, operation) pairs checked, ${forgotten} of them told "not_found" for an operation that ended before Redis went down`,
      );
      const stuck = mismatches();
      if (stuck.length > 0) {
        const users = new Set(stuck.map((line) => line.split(':')[0]));
        for (const observer of observers.filter((o) => users.has(o.user)).slice(0, 3)) {
          const debug = (clientOf.get(observer) as OpwireClient).debug();
          console.info(
            observer.user,
            debug.status,
            JSON.stringify(
              debug.operations
                .filter((o) => o.status === 'running' || o.status === null)
                .slice(0, 3),
            ),
          );
        }
      }
      expect(stuck.slice(0, 5)).toEqual([]);
      expect(observers.flatMap((observer) => observer.violations).slice(0, 5)).toEqual([]);
    }, 240_000);
  },
);
