import type { OperationSnapshot } from '@opwire/protocol';

/** Where a stage stands: finished, under way, or still to come. */
export type StageState = 'done' | 'active' | 'pending';

/** A stage to show: its name as the job reports it, or that name with a label. */
export type StageInput =
  | string
  | {
      /** The name the job reports with `op.stage(name)`. */
      name: string;
      /** What to show instead of the name. */
      label: string;
    };

/** One stage of a progress tracker (`<ProgressTracker>` of `@opwire/react`), in order. */
export interface TrackerStage {
  /** The name the job reports with `op.stage(name)`. */
  name: string;
  /** What to show; the name unless a label was given. */
  label: string;
  /** Whether the stage is done, active or still pending. */
  state: StageState;
  /** Position, from 0. */
  index: number;
}

/**
 * The stages to show and their state. The list is `stages` when given, else
 * the stages the operation declared. Before the current stage: `done`; the
 * current one: `active` (also the stage a failed or cancelled operation
 * stopped in); after it: `pending`. All are `done` once the operation
 * succeeded, and all `pending` before it reports a stage it declared.
 *
 * @example
 * const stages = trackerStages(['parsing', 'importing'], state.snapshot);
 */
export function trackerStages(
  stages: readonly StageInput[] | undefined,
  snapshot: OperationSnapshot<unknown, unknown> | null,
): TrackerStage[] {
  const list = (stages ?? snapshot?.stages ?? []).map((stage) =>
    typeof stage === 'string' ? { name: stage, label: stage } : stage,
  );
  const current = list.findIndex((stage) => stage.name === snapshot?.stage);
  const succeeded = snapshot?.status === 'succeeded';
  return list.map(({ name, label }, index) => ({
    name,
    label,
    index,
    state: stateOf(index, current, succeeded),
  }));
}

function stateOf(index: number, current: number, succeeded: boolean): StageState {
  if (succeeded) return 'done';
  if (current === -1 || index > current) return 'pending';
  return index === current ? 'active' : 'done';
}
