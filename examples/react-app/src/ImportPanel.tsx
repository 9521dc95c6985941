import { useActiveOperations, useLiveOperation } from '@opwire/react';
import type { userImport } from '@opwire-examples/demo-kit';
import { useCallback, useEffect, useState } from 'react';
import { startImport } from './api.js';
import { ImportCard } from './ImportCard.js';

/** Starts imports and shows the recent ones, including those still running after a reload. */
export function ImportPanel({ token }: { token: string }) {
  const [shown, setShown] = useState<string[]>([]);
  const show = useCallback(
    (id: string) => setShown((ids) => (ids.includes(id) ? ids : [id, ...ids].slice(0, 3))),
    [],
  );

  // Keyed: after a reload this page takes its own import back, running or ended.
  const [live, { execute }] = useLiveOperation<typeof userImport, boolean>({
    key: 'user-import',
    start: (fail) => startImport(token, fail),
  });
  useEffect(() => {
    if (live.operationId !== null) show(live.operationId);
  }, [live.operationId, show]);

  // Imports running when the page loaded (or started by a colleague of the same tenant).
  const { operations } = useActiveOperations();
  useEffect(() => {
    for (const operation of operations) show(operation.id);
  }, [operations, show]);

  return (
    <section className="panel">
      <h2>CSV user import</h2>
      <p className="hint">
        Imports a simulated <code>users.csv</code> in four stages. Everyone in your tenant sees its
        progress live.
      </p>
      <div className="actions">
        <button type="button" disabled={live.isActive} onClick={() => execute(false)}>
          Start import
        </button>
        <button
          type="button"
          className="secondary"
          disabled={live.isActive}
          onClick={() => execute(true)}
        >
          Start an import that fails
        </button>
      </div>
      {live.status === 'failed' && live.operationId === null && (
        <p className="error">{live.error?.message}</p>
      )}
      {shown.length === 0 ? (
        <p className="empty">No imports yet.</p>
      ) : (
        shown.map((id) => <ImportCard key={id} operationId={id} />)
      )}
    </section>
  );
}
