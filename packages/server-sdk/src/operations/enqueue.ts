import { randomUUID } from 'node:crypto';
import {
  idProblem,
  isTerminalStatus,
  isValidId,
  type OperationSnapshot,
  OpwireError,
} from '@opwire/protocol';
import { audienceRooms } from '../audience.js';
import type { EventDraft } from '../store/operationStore.js';
import type { OperationOptions } from './operationOptions.js';
import type { OperationRuntime } from './operationRuntime.js';
import { safeOperationError } from './safeError.js';
import { sendStored } from './storedEvents.js';
import { startedToastTitles } from './toastTitles.js';

/** Options of `operation.enqueue()`. */
export interface EnqueueOptions<TStage extends string = string>
  extends Omit<OperationOptions<TStage>, 'queued' | 'timeoutMs' | 'leaseMs' | 'leaseRenewMs'> {
  /** The queue that runs the operation's job. */
  queue: string;
  /**
   * Attempts the queue allows the job in all.
   * @default 1
   */
  attempts?: number;
}

/** What `operation.enqueue()` resolves with. */
export interface EnqueuedOperation {
  /** The operation's id: use it as the job's id. */
  id: string;
  /** Its snapshot: `queued` when just created. */
  snapshot: OperationSnapshot;
  /** `false` when the store already held the operation under this id (nothing new was stored). */
  created: boolean;
  /**
   * Ends the operation `failed` with code `job_missing`, when its job could
   * not be added to the queue. Does nothing once a worker claimed it or it
   * ended; resolves whether it ended it.
   */
  abandon(error: unknown): Promise<boolean>;
}

export async function enqueueOperation(
  runtime: OperationRuntime,
  type: string,
  options: EnqueueOptions,
): Promise<EnqueuedOperation> {
  if (
    options?.audience === undefined ||
    typeof options.queue !== 'string' ||
    options.queue === ''
  ) {
    throw new OpwireError(
      'invalid_option',
      `Operation "${type}" needs an audience and a queue name, e.g. { audience: { user: id }, queue: 'imports' }.`,
    );
  }
  const attempts = options.attempts ?? 1;
  if (!Number.isInteger(attempts) || attempts < 1)
    throw new OpwireError(
      'invalid_option',
      `attempts must be a whole number ≥ 1, got ${attempts}.`,
    );
  const id = options.id ?? randomUUID();
  if (!isValidId(id))
    throw new OpwireError('invalid_option', `Invalid operation id: ${idProblem(id)}`);
  const draft: EventDraft = {
    operationId: id,
    topic: 'operation.started',
    ts: runtime.timers.now(),
    payload: {
      type,
      status: 'queued',
      title: options.title ?? null,
      stages: options.stages ? [...options.stages] : null,
      audience: audienceRooms(options.audience),
      tables: options.tables ? [...options.tables] : [],
      ...startedToastTitles(options.toast),
      estimatedDurationMs: options.estimatedDurationMs ?? null,
      stage: null,
      message: null,
      ...(attempts > 1 ? { attempts } : {}),
    },
  };
  const result = await runtime.store.append(draft, { queue: options.queue });
  const abandon = (error: unknown) =>
    endWaiting(runtime, id, {
      topic: 'operation.failed',
      payload: { error: { ...safeOperationError(error), code: 'job_missing' } },
    });
  if (result.status === 'appended') {
    sendStored(runtime, result.event, result.snapshot, options.id !== undefined);
    runtime.events.emit('operation.started', result.snapshot);
    return { id, snapshot: result.snapshot, created: true, abandon };
  }
  if (result.status === 'conflict') {
    if (result.snapshot.type !== type) {
      throw new OpwireError(
        'conflict',
        `Operation id "${id}" belongs to an operation of type "${result.snapshot.type}", not "${type}"; use another id.`,
        { details: { operationId: id } },
      );
    }
    return { id, snapshot: result.snapshot, created: false, abandon };
  }
  throw new OpwireError('internal', `The store answered ${result.status} to a new operation.`);
}

/**
 * Ends an operation that waits in its queue with no worker on it: the
 * condition is checked atomically with the write, so a worker claiming it at
 * the same moment wins or loses cleanly. Resolves whether it ended it.
 */
export async function endWaiting(
  runtime: OperationRuntime,
  id: string,
  end: Pick<EventDraft, 'topic' | 'payload'>,
): Promise<boolean> {
  const result = await runtime.store.append(
    { operationId: id, ts: runtime.timers.now(), ...end },
    { when: (record) => record.snapshot.status === 'queued' && record.owner === null },
  );
  if (result.status !== 'appended') return false;
  sendStored(runtime, result.event, result.snapshot);
  if (isTerminalStatus(result.snapshot.status))
    runtime.events.emit('operation.ended', result.snapshot);
  return true;
}
