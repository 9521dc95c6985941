import { sonnerAdapter, useConnectionStatus, useOperationToasts } from '@opwire/react';
import { toast } from 'sonner';
import type { Session } from './api.js';
import { ImportPanel } from './ImportPanel.js';
import { UsersTable } from './UsersTable.js';

export function Dashboard({ session, onLogOut }: { session: Session; onLogOut: () => void }) {
  // Every operation this user may see becomes one toast: loading, then success or error.
  useOperationToasts(sonnerAdapter(toast));
  const { status } = useConnectionStatus();

  return (
    <div className="page">
      <header className="topbar">
        <h1>opwire demo</h1>
        <span className="connection" data-testid="connection" data-status={status}>
          {status}
        </span>
        <span className="who">
          {session.user.name} · <b>{session.user.tenantName}</b>
        </span>
        <button type="button" className="link" onClick={onLogOut}>
          Log out
        </button>
      </header>
      <main className="columns">
        <ImportPanel token={session.token} />
        <UsersTable token={session.token} />
      </main>
    </div>
  );
}
