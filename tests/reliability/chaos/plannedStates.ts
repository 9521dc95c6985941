import {
  type ApplyResult,
  applyOperationEvent,
  type OperationEvent,
  type OperationSnapshot,
} from '@opwire/protocol';
import type { OperationPlan } from './plan.js';

/** The part of a snapshot that a client must get exactly right. */
export interface Truth {
  status: OperationSnapshot['status'];
  percent: number;
  stage: string | null;
  message: string | null;
  result: unknown;
  error: OperationSnapshot['error'];
  seq: number;
}

export const truthOf = (snapshot: OperationSnapshot): Truth => ({
  status: snapshot.status,
  percent: snapshot.percent,
  stage: snapshot.stage,
  message: snapshot.message,
  result: snapshot.result,
  error: snapshot.error,
  seq: snapshot.seq,
});

export const sameTruth = (a: Truth | undefined, b: Truth | undefined): boolean =>
  a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b);

/**
 * Every state a run of `plan` goes through, as a node running it with
 * `progressIntervalMs: 0` reports it (one event per step): index `i` holds
 * the state at `seq` `i + 1`, and the last one is the final state. Built
 * with the protocol's reducer, so any state a client shows can be checked
 * against the one the operation really had at that `seq`, even for an
 * operation whose process died before it ended.
 */
export function plannedStates(plan: OperationPlan): Truth[] {
  const base = { operationId: plan.id, ts: 0 };
  const events: OperationEvent[] = [
    {
      ...base,
      seq: 1,
      topic: 'operation.started',
      payload: {
        type: 'chaos',
        status: 'running',
        title: null,
        stages: null,
        audience: [],
        tables: [],
        estimatedDurationMs: null,
        stage: null,
        message: null,
      },
    },
  ];
  for (const step of plan.steps) {
    events.push({
      ...base,
      seq: events.length + 1,
      topic: 'operation.progress',
      payload: 'stage' in step ? { stage: step.stage } : step,
    });
  }
  const seq = events.length + 1;
  if (plan.terminal === 'complete') {
    events.push({
      ...base,
      seq,
      topic: 'operation.completed',
      payload: { result: { id: plan.id } },
    });
  } else if (plan.terminal === 'fail') {
    events.push({
      ...base,
      seq,
      topic: 'operation.failed',
      payload: { error: { message: `planned failure of ${plan.id}` } },
    });
  } else {
    events.push({
      ...base,
      seq,
      topic: 'operation.cancelled',
      payload: { reason: 'planned cancel' },
    });
  }
  const states: Truth[] = [];
  let snapshot: OperationSnapshot | null = null;
  for (const event of events) {
    const applied: ApplyResult<OperationSnapshot | null> = applyOperationEvent(snapshot, event);
    const next = applied.snapshot;
    if (applied.outcome !== 'applied' || next === null) {
      throw new Error(`${plan.id}: planned event ${event.seq} was ${applied.outcome}`);
    }
    snapshot = next;
    states.push(truthOf(next));
  }
  return states;
}
