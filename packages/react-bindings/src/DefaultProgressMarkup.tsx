import { formatTimeLeft } from '@opwire/client';
import type { CSSProperties, ReactNode } from 'react';
import type { ProgressTrackerState } from './progressTrackerTypes.js';

/**
 * The markup `<ProgressTracker>` renders without `render` or `children`:
 * unstyled, with `data-*` attributes to style from and ARIA progressbar
 * semantics. The bar's width is left to CSS through `--opwire-percent`.
 * Internal.
 */
export function DefaultProgressMarkup(props: {
  tracker: ProgressTrackerState<unknown, unknown>;
  label: string | undefined;
}): ReactNode {
  const { tracker } = props;
  const determinate = tracker.status !== 'idle' && tracker.status !== 'loading';
  const percent = Math.round(tracker.percent);
  const label = props.label ?? tracker.title ?? 'Operation progress';
  const retried = tracker.attempts !== null && tracker.attempts > 1;
  const attempt = retried ? `Attempt ${tracker.attempt} of ${tracker.attempts}` : null;
  const text = [
    determinate ? `${percent}%` : null,
    attempt,
    tracker.activeStage?.label,
    tracker.message,
  ].filter((part): part is string => typeof part === 'string' && part !== '');
  return (
    <div data-opwire-progress="" data-status={tracker.status}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={determinate ? percent : undefined}
        aria-valuetext={text.length > 0 ? text.join(', ') : undefined}
        aria-busy={tracker.isActive || tracker.status === 'loading'}
        data-percent={percent}
        style={{ '--opwire-percent': `${percent}%` } as CSSProperties}
      />
      {tracker.stages.length > 0 && (
        <ol data-opwire-stages="">
          {tracker.stages.map((stage) => (
            <li
              key={stage.name}
              data-stage={stage.name}
              data-state={stage.state}
              aria-current={stage.state === 'active' ? 'step' : undefined}
            >
              {stage.label}
            </li>
          ))}
        </ol>
      )}
      {attempt !== null && <p data-opwire-attempt={tracker.attempt}>{attempt}</p>}
      {tracker.message !== null && <p data-opwire-message="">{tracker.message}</p>}
      {tracker.isActive && tracker.timeLeftMs !== null && (
        <p data-opwire-time-left={tracker.timeLeftMs}>{formatTimeLeft(tracker.timeLeftMs)}</p>
      )}
      {tracker.error !== null && (
        <p data-opwire-error="" role="alert">
          {tracker.error.message}
        </p>
      )}
    </div>
  );
}
