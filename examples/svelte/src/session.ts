// DEMO ONLY: the demo login of the example backends. A real app has its own.
export interface Session {
  token: string;
  user: { id: string; name: string; tenantName: string };
}

const KEY = 'opwire-svelte-session';

export function savedSession(): Session | null {
  const saved = sessionStorage.getItem(KEY);
  return saved ? (JSON.parse(saved) as Session) : null;
}

export async function logIn(username: string): Promise<Session> {
  const response = await fetch('/api/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  if (!response.ok) throw new Error(`Login failed (${response.status})`);
  const session = (await response.json()) as Session;
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export async function startImport(token: string): Promise<{ operationId: string }> {
  const response = await fetch('/api/imports', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ rows: 24 }),
  });
  if (!response.ok) throw new Error(`Could not start the import (${response.status})`);
  return (await response.json()) as { operationId: string };
}
