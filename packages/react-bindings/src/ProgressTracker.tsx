import { type ReactNode, useMemo } from 'react';
import { DefaultProgressMarkup } from './DefaultProgressMarkup.js';
import type { ProgressTrackerProps, ProgressTrackerState } from './progressTrackerTypes.js';
import { trackerStages } from './trackerStages.js';
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
export function ProgressTracker<TResult = unknown, TDetails = unknown>(
  props: ProgressTrackerProps<TResult, TDetails>,
): ReactNode {
  const operation = useOperation<TResult, TDetails>(props.operationId);
  const { stages: stageInputs } = props;
  const tracker = useMemo<ProgressTrackerState<TResult, TDetails>>(() => {
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
