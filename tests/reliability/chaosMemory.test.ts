import type { OpwireClient } from '@opwire/client';
import { isTerminalStatus, type OperationSnapshot } from '@opwire/protocol';
import type { OpwireStats } from '@opwire/server';
import { forkBundled, type TestProcess } from '@opwire/test-kit/forkBundled';
import { freePort } from '@opwire/test-kit/freePort';
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
import { canSee, type OperationPlan, planOperations, USERS } from './chaos/plan.js';
import { plannedStates, sameTruth, type Truth, truthOf } from './chaos/plannedStates.js';
import { seededRandom } from './chaos/random.js';
import { type Relay, startRelay } from './chaos/relay.js';
import { type StateWatch, watchStates } from './chaos/stateWatch.js';

const LONG = process.env.OPWIRE_LONG === '1';
const SEED = Number(process.env.OPWIRE_SEED ?? Date.now() % 2 ** 31);
/** Operations per node: the first node is killed while running its batch, the second runs its own. */
const PER_NODE = LONG ? 600 : 60;
const CLIENTS = 30;
const SPREAD_MS = LONG ? 60_000 : 6_000;

const processes: TestProcess[] = [];
const relays: Relay[] = [];
const clients: OpwireClient[] = [];

interface Node {
  process: TestProcess;
  port: number;
}

async function startNode(port?: number): Promise<Node> {
  const node = await forkBundled(new URL('./chaos/memoryNode.ts', import.meta.url), {
    PORT: String(port ?? (await freePort())),
  });
  processes.push(node);
  return { process: node, port: (await node.next('ready', {}, 20_000)).port as number };
}

/** A batch of planned operations under its own ids, with slower steps so many run at once. */
function batch(random: () => number, prefix: string, stretch: number): OperationPlan[] {
  return planOperations(random, PER_NODE, SPREAD_MS).map((plan, index) => ({
    ...plan,
    id: `${prefix}-${index}`,
    stepDelayMs: plan.stepDelayMs * stretch,
  }));
}

describe('chaos: a memory-store node killed and restarted (new epoch, its history gone)', () => {
  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all(relays.map((relay) => relay.close()));
    await Promise.all(processes.map((child) => child.kill()));
  });

  it(
    `clients converge, or are told "not_found" for what died with the node (${2 * PER_NODE} operations, ${CLIENTS} clients)`,
    async () => {
      console.info(`chaos (memory store) seed: ${SEED} (replay with OPWIRE_SEED=${SEED})`);
      const random = seededRandom(SEED);
      const before = batch(random, 'before', 4);
      const after = batch(random, 'after', 2);
      const beforeIds = new Set(before.map((plan) => plan.id));
      const byId = new Map([...before, ...after].map((plan) => [plan.id, plan]));
      const states = new Map([...byId].map(([id, plan]) => [id, plannedStates(plan)]));
      const finalOf = (id: string) => (states.get(id) as Truth[]).at(-1);

      let node = await startNode();
      const port = node.port;
      const finals = new Map<string, OperationSnapshot>();
      const nodeErrors: string[] = [];
      const serverErrors: string[] = [];
      let kicked = 0;
      const listen = (child: TestProcess) =>
        child.child.on(
          'message',
          (message: { type: string; id: string; snapshot: OperationSnapshot; message: string }) => {
            if (message.type === 'done') finals.set(message.id, message.snapshot);
            if (message.type === 'error') serverErrors.push(message.message);
            if (message.type === 'failed') nodeErrors.push(`${message.id}: ${message.message}`);
          },
        );
      listen(node.process);

      const observers: Observer[] = [];
      const clientOf = new Map<Observer, OpwireClient>();
      const watchOf = new Map<Observer, StateWatch>();
      for (let index = 0; index < CLIENTS; index += 1) {
        const user = USERS[index % USERS.length] as string;
        const relay = await startRelay(() => [node.port]);
        relays.push(relay);
        const client = createChaosClient(relay.url, user);
        clients.push(client);
        const observer = observe(client, user, byId);
        observers.push(observer);
        clientOf.set(observer, client);
        watchOf.set(observer, watchStates(client, observer, states));
      }
      // The epoch of the hello tells which node a client is connected to.
      const welcomed = (client: OpwireClient) =>
        client.status === 'connected' && client.debug().epoch !== null;
      await waitFor(() => clients.every(welcomed), 'every client to connect', 20_000);
      const firstEpoch = clients[0]?.debug().epoch ?? null;
      expect(firstEpoch).not.toBeNull();
      expect(clients.every((client) => client.debug().epoch === firstEpoch)).toBe(true);

      const disruptions: string[] = [];
      const nextStep = disruptionSchedule(SEED, { relays: relays.length, nodes: 1 });
      const disrupt = async () => {
        const step = await awaitStep(nextStep);
        disruptions.push(describeDisruption(step.disruption));
        kicked += await applyDisruption(step.disruption, relays, [node.process]);
        return step;
      };

      // Every operation of the first batch has started when the node dies; the last ones mid-way.
      // The kill comes at the first step planned after that time, which the run reaches no sooner.
      const killAtMs = Math.max(...before.map((plan) => plan.startAtMs)) + 50 + random() * 250;
      node.process.send({ type: 'run', plans: before });
      let plannedMs = 0;
      while (plannedMs < killAtMs) plannedMs = (await disrupt()).atMs;
      const killedAt = Date.now();
      await node.process.kill();
      disruptions.push('node killed');
      node = await startNode(port);
      listen(node.process);
      const restartMs = Date.now() - killedAt;
      const endedBeforeKill = before.filter((plan) => finals.has(plan.id)).length;
      expect(
        endedBeforeKill,
        'operations of the first batch still running when killed',
      ).toBeLessThan(before.length);

      node.process.send({ type: 'run', plans: after });
      const started = Date.now();
      const unfinished = () => after.filter((plan) => !finals.has(plan.id));
      while (unfinished().length > 0 && Date.now() - started < SPREAD_MS + 30_000) await disrupt();
      expect(nodeErrors).toEqual([]);
      expect(unfinished().map((plan) => plan.id)).toEqual([]);
      // The planned states are what a node really goes through: they match every end reported.
      for (const [id, snapshot] of finals) expect(truthOf(snapshot), id).toEqual(finalOf(id));

      await waitFor(
        () => clients.every((client) => welcomed(client) && client.debug().epoch !== firstEpoch),
        'every client to reconnect to the new node',
        20_000,
      );
      // Every client follows every operation it may see (a page showing them all), then must settle.
      for (const observer of observers)
        for (const plan of byId.values()) if (canSee(plan, observer.user)) observer.follow(plan.id);

      let toldNotFound = 0;
      let toldMidWay = 0;
      let keptEnd = 0;
      const mismatches = () => {
        const found: Array<{ observer: Observer; id: string; line: string }> = [];
        toldNotFound = 0;
        toldMidWay = 0;
        keptEnd = 0;
        for (const observer of observers) {
          const watch = watchOf.get(observer) as StateWatch;
          const client = `${clients.indexOf(clientOf.get(observer) as OpwireClient)}/${observer.user}`;
          for (const id of observer.followed) {
            const handle = watch.handles.get(id);
            const snapshot = handle?.getSnapshot() ?? null;
            const shown = snapshot === null ? undefined : truthOf(snapshot);
            const code = handle?.error?.code ?? null;
            const mismatch = (why: string) =>
              found.push({
                observer,
                id,
                line: `client ${client}: ${id} ${code ?? ''} ${JSON.stringify(shown)} ${why}`,
              });
            if (!beforeIds.has(id)) {
              // Started after the restart: every client converges to the end the node reported.
              const truth = finals.get(id);
              if (code !== null || !sameTruth(shown, truth && truthOf(truth)))
                mismatch(`≠ ${JSON.stringify(truth && truthOf(truth))}`);
            } else if (watch.ended.has(id)) {
              // Its end was shown before the node died: it stays.
              if (code !== null || !sameTruth(shown, finalOf(id))) mismatch('lost its end');
              else keptEnd += 1;
            } else if (
              code !== 'not_found' ||
              (snapshot !== null && isTerminalStatus(snapshot.status))
            ) {
              // Died with the node before this client saw its end: only "not_found" can be said of it.
              mismatch('where not_found was expected');
            } else {
              toldNotFound += 1;
              if (snapshot !== null) toldMidWay += 1;
            }
          }
        }
        return found;
      };
      await waitFor(() => mismatches().length === 0, 'convergence', 20_000).catch(() => {});

      const pairs = observers.reduce((sum, observer) => sum + observer.followed.size, 0);
      node.process.send({ type: 'stats' });
      const { resumes } = (await node.process.next('stats')).stats as OpwireStats;
      console.info(
        `chaos (memory store): ${disruptions.length} disruptions (${kicked} sockets kicked), node restarted in ${restartMs} ms with ${before.length - endedBeforeKill} of ${before.length} operations running; ${pairs} (client, operation) pairs checked, ${toldNotFound} told "not_found" for an operation that died with the node (${toldMidWay} of them while showing it mid-way), ${keptEnd} kept an end seen before; the new node replayed ${resumes.replayed} resumes and snapshotted ${resumes.snapshotted}`,
      );
      if (serverErrors.length > 0)
        console.info(`server errors (${serverErrors.length}):`, serverErrors.slice(0, 5));
      const stuck = mismatches();
      for (const { observer, id, line } of stuck.slice(0, 5)) {
        const debug = (clientOf.get(observer) as OpwireClient).debug();
        console.info(
          line,
          debug.status,
          debug.epoch,
          JSON.stringify(debug.operations.find((operation) => operation.id === id)),
        );
      }
      expect(stuck.slice(0, 5).map(({ line }) => line)).toEqual([]);
      expect(observers.flatMap((observer) => observer.violations).slice(0, 5)).toEqual([]);
      expect(
        observers
          .flatMap((observer) => (watchOf.get(observer) as StateWatch).violations)
          .slice(0, 5),
      ).toEqual([]);
      // Every client learned of the new store: its epoch is the new node's.
      await waitFor(() => clients.every(welcomed), 'every client to be connected', 20_000);
      const epochs = new Set(clients.map((client) => client.debug().epoch));
      expect(epochs.size).toBe(1);
      expect(epochs.has(firstEpoch)).toBe(false);
    },
    LONG ? 600_000 : 120_000,
  );
});
