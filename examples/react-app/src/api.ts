// The demo backend's HTTP API. DEMO ONLY login: a real app has its own.

export interface DemoUser {
  id: string;
  name: string;
  tenantId: string;
  tenantName: string;
  roles: string[];
}

export interface Session {
  token: string;
  user: DemoUser;
}

export interface DirectoryUser {
  id: string;
  name: string;
  email: string;
  source: 'seed' | 'import';
  createdAt: string;
}

const SESSION_KEY = 'opwire-demo-session';

/** The session survives a reload of this tab (sessionStorage), so a running import comes back. */
export function savedSession(): Session | null {
  const saved = sessionStorage.getItem(SESSION_KEY);
  return saved ? (JSON.parse(saved) as Session) : null;
}

export function forgetSession(): void {
  sessionStorage.removeItem(SESSION_KEY);
}

async function request<T>(path: string, init: RequestInit = {}, token?: string): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  });
  const body = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw new Error(body.error ?? `${path} answered ${response.status}`);
  return body;
}

export async function logIn(username: string): Promise<Session> {
  const session = await request<Session>('/api/login', {
    method: 'POST',
    body: JSON.stringify({ username, password: 'demo' }),
  });
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  return session;
}

export async function fetchUsers(token: string): Promise<DirectoryUser[]> {
  return (await request<{ users: DirectoryUser[] }>('/api/users', {}, token)).users;
}

export function startImport(token: string, fail: boolean): Promise<{ operationId: string }> {
  return request('/api/imports', { method: 'POST', body: JSON.stringify({ fail }) }, token);
}
