import type { TestProcess } from '@opwire/test-kit/forkBundled';
import { pick, seededRandom } from './random.js';
import type { Relay } from './relay.js';

/** One random disruption of a chaos run, and whom it hits (indexes into the run's relays and nodes). */
export type Disruption =
  | { action: 'drop'; relay: number }
  | { action: 'pause'; relay: number; ms: number }
  | { action: 'kick'; node: number; picks: [number, number] };

export interface DisruptionStep {
  /** The step's number in the schedule, from 1. */
  index: number;
  /** How long to wait before the step. */
  waitMs: number;
  /**
   * When the step is planned: the sum of the waits up to it. A run reaches it late (each wait
   * is a real timer, and steps take time), never early.
   */
  atMs: number;
  disruption: Disruption;
}

// Keeps the schedule's stream apart from the stream the seed's operations are planned from.
const SCHEDULE_STREAM = 0x5bd1e995;

/**
 * The disruptions of a seed, one step per call. They come from their own random stream, and a
 * run places its milestones (a node killed, Redis restarted) at planned times (`atMs`), not at
 * times read from the clock, so a seed gives the same steps in the same order on any machine:
 * a failing run replays step for step, though not to the millisecond.
 */
export function disruptionSchedule(
  seed: number,
  targets: { relays: number; nodes: number },
): () => DisruptionStep {
  const random = seededRandom(seed ^ SCHEDULE_STREAM);
  let index = 0;
  let atMs = 0;
  return () => {
    const waitMs = 150 + Math.floor(random() * 200);
    const relay = Math.floor(random() * targets.relays);
    const action = pick(random, ['drop', 'drop', 'pause', 'kick'] as const);
    index += 1;
    atMs += waitMs;
    const disruption: Disruption =
      action === 'drop'
        ? { action, relay }
        : action === 'pause'
          ? { action, relay, ms: 800 + Math.floor(random() * 1_200) }
          : { action, node: Math.floor(random() * targets.nodes), picks: [random(), random()] };
    return { index, waitMs, atMs, disruption };
  };
}

/** Takes the schedule's next step once its wait is over. */
export async function awaitStep(next: () => DisruptionStep): Promise<DisruptionStep> {
  const step = next();
  await new Promise((resolve) => setTimeout(resolve, step.waitMs));
  return step;
}

export function describeDisruption(disruption: Disruption): string {
  if (disruption.action === 'drop') return `drop relay ${disruption.relay}`;
  if (disruption.action === 'pause') return `pause relay ${disruption.relay} ${disruption.ms} ms`;
  return `kick on node ${disruption.node}`;
}

/**
 * Carries a disruption out; answers how many sockets a kick closed. A kick is waited for, so
 * none is still on its way when the disruptions stop.
 */
export async function applyDisruption(
  disruption: Disruption,
  relays: readonly Relay[],
  nodes: readonly TestProcess[],
): Promise<number> {
  if (disruption.action === 'kick') {
    const node = nodes[disruption.node] as TestProcess;
    node.send({ type: 'kick', picks: disruption.picks });
    return (await node.next('kicked', {}, 5_000)).count as number;
  }
  const relay = relays[disruption.relay] as Relay;
  if (disruption.action === 'drop') relay.drop();
  else relay.pause(disruption.ms);
  return 0;
}
