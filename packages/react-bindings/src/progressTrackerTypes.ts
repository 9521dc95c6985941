import type { OperationState, StageInput, TrackerStage } from '@opwire/client';
import type { ReactNode } from 'react';

/** What a {@link ProgressTracker} renders from: the operation's state and its stages. */
export interface ProgressTrackerState<
  TResult = unknown,
  TDetails = unknown,
  TStage extends string = string,
> extends OperationState<TResult, TDetails, TStage> {
  /** Every stage, in order, with its state. */
  stages: readonly TrackerStage[];
  /** The stage under way (or where a failed operation stopped), or `null`. */
  activeStage: TrackerStage | null;
}

/** Props of {@link ProgressTracker}. */
export interface ProgressTrackerProps<
  TResult = unknown,
  TDetails = unknown,
  TStage extends string = string,
> {
  /** The operation to show; `null` shows the idle state. */
  operationId: string | null;
  /**
   * The stages, in order: names as the job reports them, or `{ name, label }`.
   * @default the stages the operation declared
   */
  stages?: readonly StageInput[];
  /** Renders the tracker; takes precedence over `children`. */
  render?: (tracker: ProgressTrackerState<TResult, TDetails, TStage>) => ReactNode;
  /** Renders the tracker, as a children function. */
  children?: (tracker: ProgressTrackerState<TResult, TDetails, TStage>) => ReactNode;
  /**
   * Accessible name of the default markup's progress bar.
   * @default the operation's title, else "Operation progress"
   */
  label?: string;
}
