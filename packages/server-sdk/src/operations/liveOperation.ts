import {
  isTerminalStatus,
  type OperationEvent,
  type OperationSnapshot,
  OpwireError,
  operationRoom,
  TABLE_REFRESH_TOPIC,
  type TableRefreshPayload,
  TOAST_TOPIC,
  type ToastPayload,
} from '@opwire/protocol';
import { envelope, operationEnvelope } from '../messaging/envelope.js';
import type { EventDraft } from '../store/operationStore.js';
import { assertMatches } from '../validation.js';
import type { OperationDefinition } from './defineOperation.js';
import type { OperationOptions } from './operationOptions.js';
import type { OperationRuntime } from './operationRuntime.js';
import { ProgressCoalescer, type ProgressUpdate } from './progressCoalescer.js';
import { safeOperationError } from './safeError.js';

/** What a running job reports through. */
export interface OperationReporter<TDetails = unknown, TStage extends string = string> {
  /** The operation's id. */
  readonly id: string;
  /** Aborted when an allowed client, or the server, asks to cancel. */
  readonly signal: AbortSignal;
  /** Reports progress; calls are coalesced (latest value wins), so call it as often as you like. */
  progress(percent: number, message?: string, details?: TDetails): void;
  /** Moves to a new stage; pending progress goes out first. */
  stage(name: TStage, message?: string): void;
}

/** A manually driven operation, from `operation.start()`. */
export interface OperationHandle<
  TDetails = unknown,
  TResult = unknown,
  TStage extends string = string,
> extends OperationReporter<TDetails, TStage> {
  /**
   * Ends the operation `succeeded` with `result` and an optional closing
   * message. With `validatePayloads`, throws `invalid_payload` for a result
   * that does not match the definition. Ignored once the operation ended.
   */
  complete(result?: TResult, message?: string): void;
  /**
   * Ends the operation `failed`. Clients see only the error's message and its
   * string `code`, never its stack. Ignored once the operation ended.
   */
  fail(error: unknown): void;
  /**
   * Ends the operation `cancelled` and aborts its signal; `reason` becomes its
   * message. Ignored once the operation ended.
   */
  cancel(reason?: string): void;
  /** Resolves with the final snapshot once the terminal event is stored and sent. */
  readonly done: Promise<OperationSnapshot<TResult, TDetails>>;
  /** Whether a terminal call was made. */
  readonly ended: boolean;
}

export interface LiveOperationInit<TDetails, TResult, TStage extends string> {
  id: string;
  definition: OperationDefinition<TDetails, TResult, TStage>;
  options: OperationOptions<TStage>;
  audience: string[];
  /** Tracked operations end when their function settles; manual ones at once. */
  endsOnCancelRequest: boolean;
  onEnded: (id: string) => void;
}

export class LiveOperation<TDetails, TResult, TStage extends string>
  implements OperationHandle<TDetails, TResult, TStage>
{
  readonly id: string;
  readonly done: Promise<OperationSnapshot<TResult, TDetails>>;
  readonly #runtime: OperationRuntime;
  readonly #init: LiveOperationInit<TDetails, TResult, TStage>;
  readonly #rooms: string[];
  readonly #controller = new AbortController();
  readonly #coalescer: ProgressCoalescer;
  #chain: Promise<void> = Promise.resolve();
  #ended = false;
  #cancelReason: string | undefined;
  #last: OperationSnapshot | null = null;
  #resolveDone!: (snapshot: OperationSnapshot<TResult, TDetails>) => void;
  #rejectDone!: (error: OpwireError) => void;

  constructor(runtime: OperationRuntime, init: LiveOperationInit<TDetails, TResult, TStage>) {
    this.id = init.id;
    this.#runtime = runtime;
    this.#init = init;
    this.#rooms = [...init.audience, operationRoom(init.id)];
    this.done = new Promise((resolve, reject) => {
      this.#resolveDone = resolve;
      this.#rejectDone = reject;
    });
    this.done.catch(() => {});
    this.#coalescer = new ProgressCoalescer(
      runtime.progressIntervalMs,
      (update) => this.#enqueue('operation.progress', progressPayload(update)),
      runtime.timers,
    );
    const { options, definition } = init;
    this.#enqueue('operation.started', {
      type: definition.type,
      status: options.queued ? 'queued' : 'running',
      title: options.title ?? null,
      stages: options.stages
        ? [...options.stages]
        : definition.stages
          ? [...definition.stages]
          : null,
      audience: init.audience,
      tables: options.tables ? [...options.tables] : [],
      estimatedDurationMs: options.estimatedDurationMs ?? null,
      stage: null,
      message: null,
    });
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Why cancellation was requested, once it was. */
  get cancelReason(): string | undefined {
    return this.#cancelReason;
  }

  progress(percent: number, message?: string, details?: TDetails): void {
    if (this.#ignoredAfterEnd('progress')) return;
    if (typeof percent !== 'number' || !Number.isFinite(percent)) {
      throw new OpwireError(
        'invalid_payload',
        `op.progress() needs a finite number for percent, got ${String(percent)}.`,
      );
    }
    if (details !== undefined) this.#validate('details', this.#init.definition.details, details);
    const update: ProgressUpdate = { percent };
    if (message !== undefined) update.message = message;
    if (details !== undefined) update.details = details;
    if (this.#runtime.progressIntervalMs <= 0)
      this.#enqueue('operation.progress', progressPayload(update));
    else this.#coalescer.push(update);
  }

  stage(name: TStage, message?: string): void {
    if (this.#ignoredAfterEnd('stage')) return;
    const declared = this.#init.options.stages ?? this.#init.definition.stages;
    if (declared && !declared.includes(name)) {
      throw new OpwireError(
        'invalid_payload',
        `Unknown stage "${name}"; declared stages are ${declared.join(', ')}.`,
      );
    }
    this.#coalescer.flush();
    this.#enqueue(
      'operation.progress',
      message === undefined ? { stage: name } : { stage: name, message },
    );
  }

  complete(result?: TResult, message?: string): void {
    if (this.#ignoredAfterEnd('complete')) return;
    if (result !== undefined) this.#validate('result', this.#init.definition.result, result);
    this.#end('operation.completed', {
      ...(result === undefined ? {} : { result }),
      ...(message === undefined ? {} : { message }),
    });
  }

  fail(error: unknown): void {
    if (this.#ignoredAfterEnd('fail')) return;
    this.#end('operation.failed', { error: safeOperationError(error) });
  }

  cancel(reason?: string): void {
    if (this.#ignoredAfterEnd('cancel')) return;
    reason ??= this.#cancelReason;
    if (!this.#controller.signal.aborted) this.#controller.abort(reason);
    this.#end('operation.cancelled', reason === undefined ? {} : { reason });
  }

  /** A client or the server asked to cancel: abort the signal; manual handles end now. */
  requestCancel(reason: string | undefined): void {
    if (this.#ended) return;
    this.#cancelReason = reason;
    if (this.#init.endsOnCancelRequest) this.cancel(reason);
    else if (!this.#controller.signal.aborted) this.#controller.abort(reason);
  }

  /** Sends pending progress now (used by `close()`). */
  flush(): void {
    this.#coalescer.flush();
  }

  /** Resolves when every event enqueued so far has been stored and sent. */
  settled(): Promise<void> {
    return this.#chain;
  }

  #end(
    topic: 'operation.completed' | 'operation.failed' | 'operation.cancelled',
    payload: EventDraft['payload'],
  ) {
    this.#coalescer.flush();
    this.#ended = true;
    this.#enqueue(topic, payload);
    this.#init.onEnded(this.id);
  }

  /** The operation could not start: nothing more of it is stored or sent. */
  #abandon(error: OpwireError): void {
    this.#ended = true;
    this.#coalescer.dispose();
    this.#init.onEnded(this.id);
    this.#rejectDone(error);
  }

  #ignoredAfterEnd(call: string): boolean {
    if (!this.#ended) return false;
    this.#runtime.events.emit('operation.ignored', {
      operationId: this.id,
      call,
      reason: 'the operation already ended; a terminal state is final',
    });
    return true;
  }

  #validate(what: 'details' | 'result', schema: OperationDefinition['details'], value: unknown) {
    if (!this.#runtime.validatePayloads || schema === undefined) return;
    assertMatches(schema, value, `The ${what} of "${this.#init.definition.type}"`);
  }

  #enqueue(topic: EventDraft['topic'], payload: EventDraft['payload']): void {
    const ts = this.#runtime.timers.now();
    this.#chain = this.#chain
      .then(() => this.#publish({ operationId: this.id, topic, payload, ts }))
      .catch((error: unknown) => {
        const wrapped = OpwireError.from(error, 'unavailable');
        this.#runtime.events.emit('error', wrapped);
        if (topic === 'operation.started') this.#abandon(wrapped);
        else if (topic !== 'operation.progress') this.#rejectDone(wrapped);
      });
  }

  async #publish(draft: EventDraft): Promise<void> {
    const { store, delivery, stats, events } = this.#runtime;
    let result = await store.append(draft);
    if (result.status === 'not_found' && this.#last !== null && store.restore) {
      events.emit(
        'error',
        new OpwireError(
          'unavailable',
          `The store lost operation ${this.id}; restoring it from this process.`,
        ),
      );
      await store.restore(this.#last);
      result = await store.append(draft);
    }
    if (result.status === 'conflict') {
      this.#abandon(
        new OpwireError(
          'conflict',
          `An operation with id "${this.id}" already exists; operation ids must be unique.`,
        ),
      );
      return;
    }
    if (result.status !== 'appended') {
      events.emit('operation.ignored', {
        operationId: this.id,
        call: draft.topic,
        reason: `store answered ${result.status}`,
      });
      return;
    }
    const { event, snapshot } = result;
    this.#last = snapshot;
    delivery.send(this.#rooms, operationEnvelope(event));
    stats.messageSent();
    if (event.topic === 'operation.started') {
      stats.operationStarted();
      events.emit('operation.started', snapshot);
    }
    if (isTerminalStatus(snapshot.status)) this.#finish(event, snapshot);
  }

  #finish(event: OperationEvent, snapshot: OperationSnapshot) {
    const { delivery, stats, events } = this.#runtime;
    stats.operationEnded(snapshot.status);
    const { tables, toast } = this.#init.options;
    if (snapshot.status === 'succeeded' && tables && tables.length > 0) {
      const payload: TableRefreshPayload = {
        tables: [...tables],
        action: 'refresh',
        operationId: this.id,
      };
      delivery.send(this.#init.audience, envelope(TABLE_REFRESH_TOPIC, payload, event.ts));
      stats.messageSent();
    }
    const title =
      snapshot.status === 'succeeded'
        ? toast?.success
        : snapshot.status === 'failed'
          ? toast?.failure
          : undefined;
    if (title !== undefined) {
      const payload: ToastPayload = {
        id: `operation:${this.id}`,
        title,
        type: snapshot.status === 'succeeded' ? 'success' : 'error',
        operationId: this.id,
      };
      const message = snapshot.error?.message ?? snapshot.message;
      if (message) payload.message = message;
      delivery.send(this.#init.audience, envelope(TOAST_TOPIC, payload, event.ts));
      stats.messageSent();
    }
    events.emit('operation.ended', snapshot);
    this.#resolveDone(snapshot as OperationSnapshot<TResult, TDetails>);
  }
}

function progressPayload(update: ProgressUpdate) {
  const payload: { percent?: number; message?: string; details?: unknown } = {};
  if (update.percent !== undefined) payload.percent = update.percent;
  if (update.message !== undefined) payload.message = update.message;
  if (update.details !== undefined) payload.details = update.details;
  return payload;
}
