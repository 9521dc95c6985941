import { isTerminalStatus, type OperationSnapshot, OpwireError } from '@opwire/protocol';
import type {
  AppendResult,
  EventDraft,
  LeaseLossPolicy,
  OperationRecord,
  OwnerClaim,
} from '../store/operationStore.js';
import type { OperationRuntime } from './operationRuntime.js';

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

/** What the run needs to begin. */
export interface StartRequest {
  id: string;
  type: string;
  audience: readonly string[];
  start: RunStart;
  /** This process's claim on the operation, as its owner. */
  claim(onLost: LeaseLossPolicy): OwnerClaim;
  /** The `operation.started` event that creates the operation. */
  startedDraft(kind: RunStart['kind']): EventDraft;
}

/** How the beginning went: this run owns the operation, follows another run, or cannot run. */
export type StartOutcome =
  | { kind: 'owner'; result: Extract<AppendResult, { status: 'appended' }>; created: boolean }
  | { kind: 'follower' }
  | { kind: 'not_started'; error: OpwireError; snapshot: OperationSnapshot | null };

/** Creates the operation in the store, or claims the attempt of a queued one. */
export function startRun(runtime: OperationRuntime, request: StartRequest): Promise<StartOutcome> {
  return request.start.kind === 'start'
    ? startNew(runtime, request)
    : claim(runtime, request, request.start);
}

const notStarted = (error: OpwireError, snapshot: OperationSnapshot | null): StartOutcome => ({
  kind: 'not_started',
  error,
  snapshot,
});

async function startNew(runtime: OperationRuntime, request: StartRequest): Promise<StartOutcome> {
  const { id, type } = request;
  const result = await runtime.store.append(request.startedDraft('start'), {
    claim: request.claim('fail'),
  });
  if (result.status === 'appended') return { kind: 'owner', result, created: true };
  if (result.status === 'conflict' && result.snapshot.type === type) return { kind: 'follower' };
  const held = result.status === 'conflict' ? result.snapshot : null;
  return notStarted(
    new OpwireError(
      'conflict',
      held
        ? `Operation id "${id}" belongs to an operation of type "${held.type}", not "${type}"; use another id.`
        : `Operation "${id}" could not start (the store answered ${result.status}).`,
      { details: { operationId: id } },
    ),
    held,
  );
}

async function claim(
  runtime: OperationRuntime,
  request: StartRequest,
  start: Extract<RunStart, { kind: 'claim' }>,
): Promise<StartOutcome> {
  const { store } = runtime;
  const { id, type } = request;
  const owner = request.claim(start.onLost);
  const claimable = (record: OperationRecord) =>
    record.queue === start.queue &&
    record.snapshot.type === type &&
    start.attempt >= record.snapshot.attempt;
  for (let race = 0; race < 3; race += 1) {
    const ts = runtime.timers.now();
    const payload = { status: 'running' as const, attempt: start.attempt };
    const result = await store.append(
      { operationId: id, topic: 'operation.progress', payload, ts },
      { claim: owner, when: claimable },
    );
    if (result.status === 'appended') return { kind: 'owner', result, created: false };
    if (result.status === 'not_found') {
      if (request.audience.length === 0) {
        return notStarted(
          new OpwireError(
            'invalid_option',
            `Operation "${id}" is not in the store, and the claim has no audience to create it with.`,
          ),
          null,
        );
      }
      const created = await store.append(request.startedDraft('claim'), {
        claim: owner,
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
    return notStarted(
      new OpwireError(
        'conflict',
        `Attempt ${start.attempt} of operation "${id}" cannot run: ${why}.`,
        {
          details: { operationId: id },
        },
      ),
      snapshot,
    );
  }
  return notStarted(
    new OpwireError('unavailable', `Operation "${id}" could not be claimed: too much contention.`),
    null,
  );
}
