import { ProgressTracker, useOpwire } from '@opwire/react';
import type { userImport } from '@opwire-examples/demo-kit';
import { toast } from 'sonner';

const STAGES = [
  { name: 'parsing', label: 'Parse' },
  { name: 'validating', label: 'Validate' },
  { name: 'importing', label: 'Import' },
  { name: 'finalizing', label: 'Finalize' },
];

function timeLeft(ms: number | null): string {
  if (ms === null) return 'estimating…';
  const seconds = Math.ceil(ms / 1000);
  return seconds < 60 ? `about ${seconds} s left` : `about ${Math.ceil(seconds / 60)} min left`;
}

/** One import: stages, bar, percent, message, time left, cancel. */
export function ImportCard({ operationId }: { operationId: string }) {
  const client = useOpwire();
  const cancel = () =>
    client
      .operation(operationId)
      .cancel('Cancelled from the demo page')
      .catch((error: Error) => toast.error(`Could not cancel: ${error.message}`));

  return (
    <ProgressTracker<typeof userImport>
      operationId={operationId}
      stages={STAGES}
      render={(tracker) => (
        <article className="card" data-testid="import-card" data-status={tracker.status}>
          <header>
            <strong>{tracker.title ?? 'Import'}</strong>
            <span className={`badge ${tracker.status}`}>{tracker.status}</span>
          </header>
          <ol className="stages">
            {tracker.stages.map((stage) => (
              <li key={stage.name} data-state={stage.state}>
                {stage.label}
              </li>
            ))}
          </ol>
          <div className="bar" role="progressbar" aria-valuenow={Math.round(tracker.percent)}>
            <div style={{ width: `${tracker.percent}%` }} />
          </div>
          <p className="line">
            <span data-testid="percent">{Math.floor(tracker.percent)} %</span>
            <span>{tracker.isActive ? timeLeft(tracker.timeLeftMs) : ''}</span>
          </p>
          <p className="message">{tracker.error?.message ?? tracker.message}</p>
          {tracker.isActive && (
            <button type="button" className="secondary" onClick={cancel}>
              Cancel
            </button>
          )}
        </article>
      )}
    />
  );
}
