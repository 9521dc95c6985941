import {
  type OperationDetailsOf,
  type OperationResultOf,
  type OperationStageOf,
  trackerStages,
} from '@opwire/client';
import { type ReactNode, useMemo } from 'react';
import { DefaultProgressMarkup } from './DefaultProgressMarkup.js';
import type { ProgressTrackerProps, ProgressTrackerState } from './progressTrackerTypes.js';
import { useOperation } from './useOperation.js';

/**
 * A headless progress tracker for one operation: its stages (done, active,
 * pending), percent, message and time left, rendered by `render` or a
 * children function. Without either it renders minimal unstyled markup with
 * `data-*` attributes (`data-opwire-progress`, `data-status`, `data-stage`,
 * `data-state`, ...) and a `role="progressbar"` element with its ARIA values.
 *
 * @example
 * <ProgressTracker
 *   operationId={operationId}
 *   stages={[{ name: 'parsing', label: 'Reading the file' }, { name: 'importing', label: 'Importing' }]}
 *   render={({ percent, stages, timeLeftMs }) => <MyProgress value={percent} steps={stages} eta={timeLeftMs} />}
 * />
 */
export function ProgressTracker<
  TOperation = unknown,
  TDetails = OperationDetailsOf<TOperation>,
  TStage extends string = OperationStageOf<TOperation>,
>(props: ProgressTrackerProps<OperationResultOf<TOperation>, TDetails, TStage>): ReactNode {
  type TResult = OperationResultOf<TOperation>;
  const operation = useOperation<TOperation, TDetails, TStage>(props.operationId);
  const { stages: stageInputs } = props;
  const tracker = useMemo<ProgressTrackerState<TResult, TDetails, TStage>>(() => {
    const stages = trackerStages(stageInputs, operation.snapshot);
    return {
      ...operation,
      stages,
      activeStage: stages.find((stage) => stage.state === 'active') ?? null,
    };
  }, [operation, stageInputs]);
  const render = props.render ?? props.children;
  if (render !== undefined) return render(tracker);
  return <DefaultProgressMarkup tracker={tracker} label={props.label} />;
}
