import {
  isTerminalStatus,
  type OperationEvent,
  type OperationSnapshot,
  OpwireError,
} from '@opwire/protocol';
import type { AppendResult, EventDraft, OperationRecord } from '../store/operationStore.js';
import { assertMatches } from '../validation.js';
import type { OperationDefinition } from './defineOperation.js';
import { ownerShutdown, timedOut } from './lifecycleEnds.js';
import type { OperationHandle, OperationRole, ProgressReport } from './operationHandle.js';
import type { OperationRuntime } from './operationRuntime.js';
import { readProgressArguments } from './progressArguments.js';
import { ProgressCoalescer, type ProgressUpdate } from './progressCoalescer.js';
import { RunAppends } from './runAppends.js';
import { RunLease } from './runLease.js';
import { type RunOutcome, RunSettlement } from './runSettlement.js';
import { beginRun, type RunStartInit } from './runStart.js';
import { safeOperationError } from './safeError.js';
import { sendStored } from './storedEvents.js';

export interface LiveOperationInit<TResult, TDetails, TStage extends string>
  extends RunStartInit<TResult, TDetails, TStage> {
  /** Whether a failure goes back to the queue instead of ending the operation. */
  retry?: (error: unknown) => boolean;
  /** Tracked operations end when their function settles; manual ones at once. */
  endsOnCancelRequest: boolean;
  onEnded: (id: string) => void;
}

/** The run of one operation by this process, from its start (or claim) to its end. */
export class LiveOperation<TResult, TDetails, TStage extends string>
  implements OperationHandle<TResult, TDetails, TStage>
{
  readonly id: string;
  readonly done: Promise<OperationSnapshot<TResult, TDetails>>;
  readonly started: Promise<'owner' | 'follower'>;
  readonly #runtime: OperationRuntime;
  readonly #init: LiveOperationInit<TResult, TDetails, TStage>;
  readonly #controller = new AbortController();
  readonly #coalescer: ProgressCoalescer;
  readonly #settlement: RunSettlement;
  readonly #lease: RunLease;
  readonly #appends: RunAppends;
  #role: OperationRole = 'starting';
  #ended = false;
  #token = 0;
  #cancelReason: string | undefined;
  #last: OperationSnapshot | null = null;
  #timeoutTimer: unknown;
  #shutdownRequested = false;

  constructor(runtime: OperationRuntime, init: LiveOperationInit<TResult, TDetails, TStage>) {
    this.id = init.id;
    this.#runtime = runtime;
    this.#init = init;
    this.#settlement = new RunSettlement(runtime, init.id);
    this.#lease = new RunLease(
      runtime,
      init.id,
      {
        holds: () => !this.#ended,
        token: () => this.#token,
        record: () => (this.#last === null ? null : this.#record(this.#last)),
        lost: (snapshot) => this.#lose(snapshot),
      },
      init.options,
    );
    this.done = this.#settlement.done as Promise<OperationSnapshot<TResult, TDetails>>;
    this.started = this.#settlement.started;
    this.#coalescer = new ProgressCoalescer(
      runtime.progressIntervalMs,
      (update) => this.#appends.enqueue('operation.progress', progressPayload(update)),
      runtime.timers,
    );
    this.#appends = new RunAppends(
      runtime,
      init.id,
      {
        owns: () => this.#role === 'owner',
        token: () => this.#token,
        record: () => (this.#last === null ? null : this.#record(this.#last)),
        advanced: (snapshot) => this.#advanceTo(snapshot),
        finished: (event, snapshot) => this.#finished(event, snapshot),
        lost: (snapshot) => this.#lose(snapshot),
        failed: (error) => this.#settlement.settle({ kind: 'failed', error }),
      },
      this.#begin(),
    );
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get ended(): boolean {
    return this.#ended;
  }

  get role(): OperationRole {
    return this.#role;
  }

  /** How this process's run ended: its own end, back to the queue, lost, or never started. */
  get outcome(): Promise<RunOutcome> {
    return this.#settlement.outcome;
  }

  /** Why cancellation was requested, once it was. */
  get cancelReason(): string | undefined {
    return this.#cancelReason;
  }

  get type(): string {
    return this.#init.definition.type;
  }

  progress(first: number | ProgressReport<TDetails>, message?: string, details?: TDetails): void {
    if (!this.#mayReport('progress')) return;
    const report = readProgressArguments(first, message, details);
    if (report.details !== undefined)
      this.#validate('details', this.#init.definition.details, report.details);
    if (this.#runtime.progressIntervalMs <= 0)
      this.#appends.enqueue('operation.progress', progressPayload(report));
    else this.#coalescer.push(report);
  }

  stage(name: TStage, message?: string): void {
    if (!this.#mayReport('stage')) return;
    const declared = this.#init.options.stages ?? this.#init.definition.stages;
    if (declared && !declared.includes(name)) {
      throw new OpwireError(
        'invalid_payload',
        `Unknown stage "${name}"; declared stages are ${declared.join(', ')}.`,
      );
    }
    this.#coalescer.flush();
    this.#appends.enqueue(
      'operation.progress',
      message === undefined ? { stage: name } : { stage: name, message },
    );
  }

  complete(result?: TResult, message?: string): void {
    if (!this.#mayReport('complete')) return;
    if (result !== undefined) this.#validate('result', this.#init.definition.result, result);
    this.#end('operation.completed', {
      ...(result === undefined ? {} : { result }),
      ...(message === undefined ? {} : { message }),
    });
  }

  fail(error: unknown): void {
    if (!this.#mayReport('fail')) return;
    const failure = safeOperationError(error);
    if (this.#init.retry?.(error)) {
      this.#end('operation.requeued', { message: failure.message }, true);
    } else this.#end('operation.failed', { error: failure });
  }

  cancel(reason?: string): void {
    if (!this.#mayReport('cancel')) return;
    reason ??= this.#cancelReason;
    if (!this.#controller.signal.aborted) this.#controller.abort(reason);
    this.#end('operation.cancelled', reason === undefined ? {} : { reason });
  }

  /** A client or the server asked to cancel: abort the signal; manual handles end now. */
  requestCancel(reason: string | undefined): void {
    if (this.#ended || this.#role === 'follower') return;
    this.#cancelReason = reason;
    if (this.#init.endsOnCancelRequest && this.#role === 'owner') this.cancel(reason);
    else if (!this.#controller.signal.aborted) this.#controller.abort(reason);
  }

  /** The server shuts down past its grace period: the run ends `owner_shutdown` (or goes back to its queue). */
  shutdown(): void {
    if (this.#role === 'starting') this.#shutdownRequested = true;
    if (this.#ended || this.#role !== 'owner') return;
    const end = ownerShutdown();
    if (!this.#controller.signal.aborted) this.#controller.abort(end.message);
    this.fail(end);
  }

  /** Sends pending progress now (used by `close()`). */
  flush(): void {
    this.#coalescer.flush();
  }

  /** Resolves when every event enqueued so far has been stored and sent. */
  settled(): Promise<void> {
    return this.#appends.settled();
  }

  async #begin(): Promise<void> {
    try {
      const decision = await beginRun(this.#runtime, this.#init, this.#lease.leaseMs);
      if (decision.kind === 'owner') this.#becomeOwner(decision.result, decision.created);
      else if (decision.kind === 'follower') this.#becomeFollower();
      else this.#notStarted(decision.error, decision.snapshot);
    } catch (error) {
      const wrapped = OpwireError.from(error, 'unavailable');
      this.#runtime.events.emit('error', wrapped);
      this.#notStarted(wrapped, null);
    }
  }

  #becomeOwner(result: Extract<AppendResult, { status: 'appended' }>, created: boolean): void {
    const { stats, events } = this.#runtime;
    this.#role = 'owner';
    this.#token = result.token;
    this.#last = result.snapshot;
    sendStored(
      this.#runtime,
      result.event,
      result.snapshot,
      created && this.#init.options.id !== undefined,
    );
    stats.operationStarted(result.snapshot.status);
    events.emit('operation.started', result.snapshot);
    this.#lease.renewLater();
    const { timeoutMs } = this.#init.options;
    if (timeoutMs !== undefined) {
      this.#timeoutTimer = this.#runtime.timers.setTimeout(
        () => this.#timeUp(timeoutMs),
        timeoutMs,
      );
    }
    this.#settlement.startedAs('owner');
    // The server began to shut down while this run was starting: it ends at once.
    if (this.#shutdownRequested) this.shutdown();
  }

  #becomeFollower(): void {
    this.#role = 'follower';
    this.#coalescer.dispose();
    this.#init.onEnded(this.id);
    this.#settlement.startedAs('follower');
    this.#settlement.settle({ kind: 'follower' });
  }

  #notStarted(error: OpwireError, snapshot: OperationSnapshot | null): void {
    this.#ended = true;
    this.#stopTimers();
    this.#coalescer.dispose();
    if (!this.#controller.signal.aborted) this.#controller.abort(error.message);
    this.#init.onEnded(this.id);
    this.#settlement.settle({ kind: 'not_started', error, snapshot });
  }

  /** Another process ended this run or took it over: stop, and never write to it again. */
  #lose(snapshot: OperationSnapshot | null): void {
    if (this.#role === 'follower') return;
    if (this.#last !== null) this.#runtime.stats.operationLeft(this.#last.status);
    this.#role = 'follower';
    this.#ended = true;
    this.#stopTimers();
    this.#coalescer.dispose();
    const message = `This process no longer runs operation ${this.id}: its lease ran out and another process ended it or took it over.`;
    if (!this.#controller.signal.aborted) this.#controller.abort(message);
    this.#init.onEnded(this.id);
    this.#runtime.events.emit('error', new OpwireError('not_owner', message));
    this.#settlement.settle({ kind: 'lost', snapshot });
  }

  #timeUp(timeoutMs: number): void {
    this.#timeoutTimer = undefined;
    if (this.#ended || this.#role !== 'owner') return;
    const end = timedOut(timeoutMs);
    if (!this.#controller.signal.aborted) this.#controller.abort(end.message);
    this.fail(end);
  }

  #stopTimers(): void {
    this.#lease.stop();
    if (this.#timeoutTimer !== undefined) this.#runtime.timers.clearTimeout(this.#timeoutTimer);
    this.#timeoutTimer = undefined;
  }

  #end(
    topic:
      | 'operation.completed'
      | 'operation.failed'
      | 'operation.cancelled'
      | 'operation.requeued',
    payload: EventDraft['payload'],
    release = false,
  ) {
    this.#coalescer.flush();
    this.#ended = true;
    this.#stopTimers();
    this.#appends.enqueue(topic, payload, release);
    this.#init.onEnded(this.id);
  }

  /** Whether a reporting call goes ahead: a follower throws, an ended run ignores it. */
  #mayReport(call: string): boolean {
    if (this.#role === 'follower') {
      throw new OpwireError(
        'not_owner',
        `${call}() on operation "${this.id}": this handle does not run the operation (another run holds the id, or this process lost it), so it cannot report. Report through the handle that runs it.`,
        { details: { operationId: this.id } },
      );
    }
    if (!this.#ended) return true;
    this.#runtime.events.emit('operation.ignored', {
      operationId: this.id,
      call,
      reason: 'the operation already ended; a terminal state is final',
    });
    return false;
  }

  #validate(what: 'details' | 'result', schema: OperationDefinition['details'], value: unknown) {
    if (!this.#runtime.validatePayloads || schema === undefined) return;
    assertMatches(schema, value, `The ${what} of "${this.type}"`);
  }

  #record(snapshot: OperationSnapshot): OperationRecord {
    const { start } = this.#init;
    return {
      snapshot,
      token: this.#token,
      queue: start.kind === 'claim' ? start.queue : null,
      owner: {
        id: this.#runtime.ownerId,
        token: this.#token,
        leaseMs: this.#lease.leaseMs,
        leaseUntil: null,
        onLost: start.kind === 'claim' ? start.onLost : 'fail',
      },
    };
  }

  /** Takes the stored snapshot of an event this process appended, and counts a status change. */
  #advanceTo(snapshot: OperationSnapshot): void {
    if (this.#last !== null) this.#runtime.stats.operationMoved(this.#last.status, snapshot.status);
    this.#last = snapshot;
  }

  /** An event written alone was stored: a terminal one ends the run, a requeue gives it back. */
  #finished(event: OperationEvent, snapshot: OperationSnapshot): void {
    if (isTerminalStatus(snapshot.status)) {
      // Clients derive the end toast and the table refresh from the terminal event itself.
      this.#runtime.events.emit('operation.ended', snapshot);
      this.#settlement.settle({ kind: 'ended', snapshot });
    } else if (event.topic === 'operation.requeued') {
      this.#settlement.settle({ kind: 'requeued', snapshot });
    }
  }
}

function progressPayload(update: ProgressUpdate) {
  const payload: { percent?: number; message?: string; details?: unknown } = {};
  if (update.percent !== undefined) payload.percent = update.percent;
  if (update.message !== undefined) payload.message = update.message;
  if (update.details !== undefined) payload.details = update.details;
  return payload;
}
