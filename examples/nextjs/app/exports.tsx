'use client';

import { OpwireProvider, ProgressTracker, useLiveOperation } from '@opwire/react';
import { useEffect, useState } from 'react';
import { startExport } from './actions';

interface Session {
  token: string;
  realtimeUrl: string;
}

/** Connects to the realtime server once the demo session is known. */
export function Exports() {
  const [session, setSession] = useState<Session | null>(null);
  useEffect(() => {
    const user = new URLSearchParams(window.location.search).get('user') ?? 'alice';
    void fetch(`/api/token?user=${encodeURIComponent(user)}`)
      .then((response) => response.json())
      .then(setSession);
  }, []);
  if (!session) return <p>Loading…</p>;
  return (
    <OpwireProvider options={{ url: session.realtimeUrl, token: session.token }}>
      <ExportButton token={session.token} />
    </OpwireProvider>
  );
}

function ExportButton({ token }: { token: string }) {
  const [exporting, { execute }] = useLiveOperation<{ rows: number }, { fail: boolean }>({
    start: async ({ fail }) => {
      // Two ways to start: a server action, or a route handler.
      if (fail) return startExport(token, { rows: 20, fail });
      const response = await fetch('/api/exports', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ rows: 20, fail }),
      });
      if (!response.ok) throw new Error(`The export could not start (HTTP ${response.status})`);
      return (await response.json()) as { operationId: string };
    },
  });
  return (
    <section>
      <button
        type="button"
        disabled={exporting.isRunning}
        onClick={() => void execute({ fail: false })}
      >
        Export
      </button>
      <button
        type="button"
        disabled={exporting.isRunning}
        onClick={() => void execute({ fail: true })}
      >
        Export (fails)
      </button>
      <ProgressTracker operationId={exporting.operationId} />
      {exporting.status === 'succeeded' && (
        <p data-testid="result">Exported {exporting.result?.rows} rows</p>
      )}
    </section>
  );
}
