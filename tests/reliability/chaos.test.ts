import type { OpwireClient } from '@opwire/client';
import type { OperationSnapshot } from '@opwire/protocol';
import { forkBundled, KIT_PROCESSES, type TestProcess } from '@opwire/test-kit/forkBundled';
import { freePort } from '@opwire/test-kit/freePort';
import { redisBackends } from '@opwire/test-kit/redisBackends';
import { waitFor } from '@opwire/test-kit/waitFor';
import { afterAll, describe, expect, it } from 'vitest';
import { createChaosClient } from './chaos/chaosClient.js';
import {
  applyDisruption,
  awaitStep,
  describeDisruption,
  disruptionSchedule,
} from './chaos/disruptions.js';
import { type Observer, observe } from './chaos/observer.js';
import { canSee, planDoomedOperations, planOperations, USERS } from './chaos/plan.js';
import { seededRandom } from './chaos/random.js';
import { type Relay, startRelay } from './chaos/relay.js';

const LONG = process.env.OPWIRE_LONG === '1';
const SEED = Number(process.env.OPWIRE_SEED ?? Date.now() % 2 ** 31);
const OPERATIONS = LONG ? 2_000 : 200;
/** Operations of a second worker that is SIGKILLed while they run. */
const DOOMED = LONG ? 100 : 20;
const CLIENTS = 50;
const SPREAD_MS = LONG ? 120_000 : 8_000;
// A process start waits for its 'ready' message; on a machine busy with other work a start
// (node, bundle load, Redis connect) has been seen to take over 20 s.
const READY_MS = 60_000;

const truthOf = (snapshot: OperationSnapshot) => ({
  status: snapshot.status,
  percent: snapshot.percent,
  stage: snapshot.stage,
  message: snapshot.message,
  result: snapshot.result,
  error: snapshot.error,
  seq: snapshot.seq,
});

describe.each(redisBackends())(
  'chaos on $name: convergence under disconnects, node and Redis restarts',
  (redis) => {
    const skipReason = redis.skipReason();
    if (skipReason) console.warn(skipReason);
    const processes: TestProcess[] = [];
    const relays: Relay[] = [];
    const clients: OpwireClient[] = [];

    async function startNode(port?: number) {
      const node = await forkBundled(KIT_PROCESSES.webNode, {
        ...redis.env(),
        HISTORY_LIMIT: '20',
        PORT: String(port ?? (await freePort())),
        SWEEP_MS: '500',
      });
      processes.push(node);
      return { process: node, port: (await node.next('ready', {}, READY_MS)).port as number };
    }

    afterAll(async () => {
      for (const client of clients) client.close();
      await Promise.all(relays.map((relay) => relay.close()));
      await Promise.all(processes.map((child) => child.kill()));
      await redis.stop();
    });

    it.skipIf(skipReason !== null)(
      `every client converges on every operation it may see (${OPERATIONS} operations, ${CLIENTS} clients)`,
      async () => {
        console.info(`chaos seed: ${SEED} (replay with OPWIRE_SEED=${SEED})`);
        const random = seededRandom(SEED);
        await redis.start();
        let nodeA = await startNode();
        const nodeB = await startNode();
        const worker = await forkBundled(
          new URL('./chaos/chaosWorker.ts', import.meta.url),
          redis.env(),
        );
        processes.push(worker);
        await worker.next('ready', {}, READY_MS);
        // A second worker, killed while its operations run: another process must end each one.
        const doomedWorker = await forkBundled(new URL('./chaos/chaosWorker.ts', import.meta.url), {
          ...redis.env(),
          LEASE_MS: '5000',
          RENEW_MS: '1000',
        });
        processes.push(doomedWorker);
        await doomedWorker.next('ready', {}, READY_MS);

        const doomedPlans = planDoomedOperations(random, DOOMED);
        const plans = [...planOperations(random, OPERATIONS, SPREAD_MS), ...doomedPlans];
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
          'every client to connect',
          20_000,
        );

        const finals = new Map<string, OperationSnapshot>();
        // What keeps an operation from ending, when one does not: its run failed, or the worker died.
        const workerTrouble: string[] = [];
        worker.child.on(
          'message',
          (message: {
            type: string;
            id: string;
            snapshot: OperationSnapshot;
            message?: string;
          }) => {
            if (message.type === 'done') finals.set(message.id, message.snapshot);
            else if (message.type === 'failed')
              workerTrouble.push(`${message.id}: ${message.message}`);
          },
        );
        worker.child.on('exit', (code, signal) =>
          workerTrouble.push(`the worker exited (${code ?? signal}): ${worker.output.slice(-600)}`),
        );
        const started = Date.now();
        worker.send({ type: 'run', plans: plans.filter((plan) => !plan.id.startsWith('doomed-')) });
        doomedWorker.send({ type: 'run', plans: doomedPlans });
        for (const plan of doomedPlans) await doomedWorker.next('begun', { id: plan.id }, 20_000);
        // The truth of a doomed operation is what the store holds once another process ended it.
        // Node B is never killed, so it reads the store.
        const readDoomedEnds = async () => {
          const open = doomedPlans.filter((plan) => !finals.has(plan.id));
          nodeB.process.send({ type: 'snapshots', ids: open.map((plan) => plan.id) });
          const { snapshots } = (await nodeB.process.next('snapshots')) as unknown as {
            snapshots: Array<OperationSnapshot | null>;
          };
          open.forEach((plan, index) => {
            const snapshot = snapshots[index];
            if (snapshot?.status === 'failed') finals.set(plan.id, snapshot);
          });
          return doomedPlans.every((plan) => finals.has(plan.id));
        };

        await doomedWorker.kill();
        const killedAt = Date.now();
        const disruptions = ['worker killed at step 0'];
        let nodeKilled = false;
        let redisRestarted = false;
        let doomedEnded = false;
        let kicked = 0;
        let redisDownAt = Number.NEGATIVE_INFINITY;
        // Redis runs without persistence here: an operation that ended before it went down is gone
        // with it. One that ended later was written to the new Redis by the worker and must converge.
        const mayBeForgotten = (id: string) => (finals.get(id)?.endedAt ?? Infinity) <= redisDownAt;
        // Runs until every operation ended and every planned disruption happened.
        const pending = () => finals.size < plans.length || !nodeKilled || !redisRestarted;
        const nextStep = disruptionSchedule(SEED, { relays: relays.length, nodes: 2 });
        while (pending() && Date.now() - started < SPREAD_MS + 60_000) {
          const step = await awaitStep(nextStep);
          const at = `step ${step.index}, ${Date.now() - started} ms`;
          if (!doomedEnded) {
            doomedEnded = await readDoomedEnds();
            if (doomedEnded) disruptions.push(`its operations ended by ${at}`);
          }
          if (!nodeKilled && step.atMs > SPREAD_MS * 0.3) {
            nodeKilled = true;
            disruptions.push(`node A killed at ${at}`);
            await nodeA.process.kill();
            nodeA = await startNode(nodeA.port);
            continue;
          }
          if (!redisRestarted && step.atMs > SPREAD_MS * 0.6) {
            // Redis restarts only once every doomed operation was ended: waited for, so that the
            // step it happens at does not depend on how fast this machine ends them.
            if (!doomedEnded) {
              await waitFor(readDoomedEnds, "the killed worker's operations to end", 30_000);
              doomedEnded = true;
              disruptions.push(`its operations ended by ${at} (waited for)`);
            }
            redisRestarted = true;
            disruptions.push(`Redis restarted at ${at}`);
            // One Redis restarts empty; on a cluster, one of its three masters does.
            await redis.loseData(undefined, () => {
              redisDownAt = Date.now();
            });
            continue;
          }
          disruptions.push(describeDisruption(step.disruption));
          kicked += await applyDisruption(step.disruption, relays, [nodeA.process, nodeB.process]);
        }
        const lostAfter = doomedPlans.map((plan) => (finals.get(plan.id)?.endedAt ?? 0) - killedAt);
        console.info(
          `chaos: the killed worker's ${DOOMED} operations ended owner_lost ${Math.min(...lostAfter)}–${Math.max(...lostAfter)} ms after SIGKILL (lease 5000 ms, sweep every 500 ms)`,
        );
        expect(finals.size, `operations that ended; ${workerTrouble.slice(0, 3).join('; ')}`).toBe(
          plans.length,
        );
        for (const plan of doomedPlans)
          expect(finals.get(plan.id)?.error?.code, `${plan.id} of the killed worker`).toBe(
            'owner_lost',
          );
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
        await waitFor(() => mismatches().length === 0, 'convergence', 30_000).catch(() => {});
        const followed = observers.reduce((sum, observer) => sum + observer.followed.size, 0);
        console.info(
          `chaos: ${disruptions.length} disruptions (${kicked} sockets kicked; ${disruptions.filter((d) => d.includes(' at ') || d.includes(' by ')).join(', ')}), ${followed} (client, operation) pairs checked, ${forgotten} of them told "not_found" for an operation that ended before Redis went down`,
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
      },
      240_000,
    );
  },
);
