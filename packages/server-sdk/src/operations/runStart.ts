import { isTerminalStatus, type OperationSnapshot, OpwireError } from '@opwire/protocol';
import type {
  AppendResult,
  EventDraft,
  LeaseLossPolicy,
  OperationRecord,
  OwnerClaim,
} from '../store/operationStore.js';
import type { OperationDefinition } from './defineOperation.js';
import type { RunOptions } from './operationOptions.js';
import type { OperationRuntime } from './operationRuntime.js';
import { startedToastTitles } from './toastTitles.js';

/** How a live operation begins: a new operation, or an attempt of a queued one. */
export type RunStart =
  | { kind: 'start' }
  | {
      kind: 'claim';
      /** This attempt's number, from 1. */
      attempt: number;
      /** Attempts allowed in all. */
      attempts: number;
      /** The queue whose job this is. */
      queue: string;
      /** What ends the operation when this process stops renewing the lease. */
      onLost: LeaseLossPolicy;
    };

/** What a run needs to know to begin. */
export interface RunStartInit<TResult, TDetails, TStage extends string> {
  id: string;
  definition: OperationDefinition<TResult, TDetails, TStage>;
  options: RunOptions<TStage>;
  audience: string[];
  start: RunStart;
}

/** Where the first write left the run: it owns the operation, follows another run, or never started. */
export type StartDecision =
  | { kind: 'owner'; result: Extract<AppendResult, { status: 'appended' }>; created: boolean }
  | { kind: 'follower' }
  | { kind: 'not_started'; error: OpwireError; snapshot: OperationSnapshot | null };

/** How many times a claim starts over after another process created the operation first. */
const CLAIM_RACES = 3;

/**
 * The run's first write: it creates the operation, or claims the queued attempt, and takes
 * ownership for `leaseMs` atomically with it. Store failures reject; every refusal is a decision.
 */
export function beginRun<TResult, TDetails, TStage extends string>(
  runtime: OperationRuntime,
  init: RunStartInit<TResult, TDetails, TStage>,
  leaseMs: number,
): Promise<StartDecision> {
  const { start } = init;
  const onLost = start.kind === 'claim' ? start.onLost : 'fail';
  const claim: OwnerClaim = { id: runtime.ownerId, leaseMs, onLost };
  return start.kind === 'start'
    ? startNew(runtime, init, claim)
    : claimAttempt(runtime, init, start, claim);
}

async function startNew<TResult, TDetails, TStage extends string>(
  runtime: OperationRuntime,
  init: RunStartInit<TResult, TDetails, TStage>,
  claim: OwnerClaim,
): Promise<StartDecision> {
  const type = init.definition.type;
  const result = await runtime.store.append(startedDraft(runtime, init, 'start'), { claim });
  if (result.status === 'appended') return { kind: 'owner', result, created: true };
  if (result.status === 'conflict' && result.snapshot.type === type) return { kind: 'follower' };
  const held = result.status === 'conflict' ? result.snapshot : null;
  const error = new OpwireError(
    'conflict',
    held
      ? `Operation id "${init.id}" belongs to an operation of type "${held.type}", not "${type}"; use another id.`
      : `Operation "${init.id}" could not start (the store answered ${result.status}).`,
    { details: { operationId: init.id } },
  );
  return { kind: 'not_started', error, snapshot: held };
}

async function claimAttempt<TResult, TDetails, TStage extends string>(
  runtime: OperationRuntime,
  init: RunStartInit<TResult, TDetails, TStage>,
  start: Extract<RunStart, { kind: 'claim' }>,
  claim: OwnerClaim,
): Promise<StartDecision> {
  const { store, timers } = runtime;
  const { id } = init;
  const type = init.definition.type;
  const claimable = (record: OperationRecord) =>
    record.queue === start.queue &&
    record.snapshot.type === type &&
    start.attempt >= record.snapshot.attempt;
  for (let race = 0; race < CLAIM_RACES; race += 1) {
    const payload = { status: 'running' as const, attempt: start.attempt };
    const result = await store.append(
      { operationId: id, topic: 'operation.progress', payload, ts: timers.now() },
      { claim, when: claimable },
    );
    if (result.status === 'appended') return { kind: 'owner', result, created: false };
    if (result.status === 'not_found') {
      if (init.audience.length === 0) {
        const error = new OpwireError(
          'invalid_option',
          `Operation "${id}" is not in the store, and the claim has no audience to create it with.`,
        );
        return { kind: 'not_started', error, snapshot: null };
      }
      const created = await store.append(startedDraft(runtime, init, 'claim'), {
        claim,
        queue: start.queue,
      });
      if (created.status === 'appended') return { kind: 'owner', result: created, created: true };
      if (created.status === 'conflict') continue;
    }
    const snapshot =
      result.status === 'ended'
        ? result.snapshot
        : result.status === 'refused'
          ? result.record.snapshot
          : null;
    const why =
      snapshot === null
        ? 'the store did not answer'
        : isTerminalStatus(snapshot.status)
          ? `it already ended ${snapshot.status}`
          : `it is of type "${snapshot.type}" or another queue, or at a later attempt (${snapshot.attempt})`;
    const error = new OpwireError(
      'conflict',
      `Attempt ${start.attempt} of operation "${id}" cannot run: ${why}.`,
      { details: { operationId: id } },
    );
    return { kind: 'not_started', error, snapshot };
  }
  const error = new OpwireError(
    'unavailable',
    `Operation "${id}" could not be claimed: too much contention.`,
  );
  return { kind: 'not_started', error, snapshot: null };
}

/** The `operation.started` event that creates the operation in the store. */
function startedDraft<TResult, TDetails, TStage extends string>(
  runtime: OperationRuntime,
  init: RunStartInit<TResult, TDetails, TStage>,
  kind: RunStart['kind'],
): EventDraft {
  const { options, definition, start } = init;
  const attempts =
    start.kind === 'claim' ? { attempt: start.attempt, attempts: start.attempts } : {};
  return {
    operationId: init.id,
    topic: 'operation.started',
    ts: runtime.timers.now(),
    payload: {
      type: definition.type,
      status: kind === 'start' && options.queued ? 'queued' : 'running',
      title: options.title ?? null,
      stages: options.stages
        ? [...options.stages]
        : definition.stages
          ? [...definition.stages]
          : null,
      audience: init.audience,
      tables: options.tables ? [...options.tables] : [],
      ...startedToastTitles(options.toast),
      estimatedDurationMs: options.estimatedDurationMs ?? null,
      stage: null,
      message: null,
      ...attempts,
    },
  };
}
