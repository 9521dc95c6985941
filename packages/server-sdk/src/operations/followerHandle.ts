import { type OperationSnapshot, OpwireError } from '@opwire/protocol';
import type { OperationHandle, OperationRole } from './operationHandle.js';

/**
 * A handle on a run that this handle does not own: another handle in this
 * process runs the same id (`follower`), or the id cannot be used here
 * (`refused`: `done` rejects, the signal is aborted). Reporting calls on a
 * follower throw `not_owner`.
 */
export class FollowerHandle<TResult, TDetails, TStage extends string>
  implements OperationHandle<TResult, TDetails, TStage>
{
  readonly id: string;
  readonly done: Promise<OperationSnapshot<TResult, TDetails>>;
  readonly started: Promise<'owner' | 'follower'>;
  readonly role: OperationRole;
  readonly ended: boolean;
  readonly #controller = new AbortController();

  private constructor(
    id: string,
    done: Promise<OperationSnapshot<TResult, TDetails>>,
    refusal: OpwireError | null,
  ) {
    this.id = id;
    this.done = done;
    this.done.catch(() => {});
    this.role = refusal === null ? 'follower' : 'starting';
    this.ended = refusal !== null;
    this.started = refusal === null ? Promise.resolve('follower') : Promise.reject(refusal);
    this.started.catch(() => {});
    if (refusal !== null) this.#controller.abort(refusal.message);
  }

  /** Follows the run another handle of this process owns. */
  static of<TResult, TDetails, TStage extends string>(
    id: string,
    done: Promise<OperationSnapshot>,
  ): FollowerHandle<TResult, TDetails, TStage> {
    return new FollowerHandle(id, done as Promise<OperationSnapshot<TResult, TDetails>>, null);
  }

  /** A handle that never ran: `done` and `started` reject with `error`. */
  static refused<TResult, TDetails, TStage extends string>(
    id: string,
    error: OpwireError,
  ): FollowerHandle<TResult, TDetails, TStage> {
    return new FollowerHandle(id, Promise.reject(error), error);
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  progress(): void {
    this.#refuse('progress');
  }

  stage(): void {
    this.#refuse('stage');
  }

  complete(): void {
    this.#refuse('complete');
  }

  fail(): void {
    this.#refuse('fail');
  }

  cancel(): void {
    this.#refuse('cancel');
  }

  #refuse(call: string): void {
    if (this.ended) return;
    throw new OpwireError(
      'not_owner',
      `${call}() on operation "${this.id}": another handle in this process runs it, so this one cannot report. Report through the handle that started it.`,
      { details: { operationId: this.id } },
    );
  }
}
