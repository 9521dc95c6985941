// DEMO ONLY: the demo login of the example backends, for the browser pages. A real app has its own.
export interface Session {
  token: string;
  user: { id: string; name: string; tenantName: string };
}

export interface DemoSession {
  /** The session saved in this tab, or `null`. */
  savedSession(): Session | null;
  /** Logs in with the demo password and saves the session in this tab. */
  logIn(username: string): Promise<Session>;
}

/** The demo login, saving its session in `sessionStorage` under `storageKey`. */
export function demoSession(storageKey: string): DemoSession {
  return {
    savedSession() {
      const saved = sessionStorage.getItem(storageKey);
      return saved ? (JSON.parse(saved) as Session) : null;
    },
    async logIn(username) {
      const response = await fetch('/api/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'demo' }),
      });
      if (!response.ok) throw new Error(`Login failed (${response.status})`);
      const session = (await response.json()) as Session;
      sessionStorage.setItem(storageKey, JSON.stringify(session));
      return session;
    },
  };
}

/** Starts the demo CSV import of 24 rows; the backend answers with the operation's id. */
export async function startImport(token: string): Promise<{ operationId: string }> {
  const response = await fetch('/api/imports', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ rows: 24 }),
  });
  if (!response.ok) throw new Error(`Could not start the import (${response.status})`);
  return (await response.json()) as { operationId: string };
}
