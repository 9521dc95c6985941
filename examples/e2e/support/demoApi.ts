// The HTTP API every backend example shares: login, users, imports.

export interface Login {
  token: string;
  user: { id: string; tenantId: string };
}

async function call<T>(url: string, init: RequestInit & { token?: string }): Promise<T> {
  const { token, ...rest } = init;
  const response = await fetch(url, {
    ...rest,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  });
  const body = (await response.json()) as T;
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

export function login(baseUrl: string, username: string): Promise<Login> {
  return call(`${baseUrl}/api/login`, {
    method: 'POST',
    body: JSON.stringify({ username, password: 'demo' }),
  });
}

export async function startImport(
  baseUrl: string,
  token: string,
  body: { rows?: number; fail?: boolean } = {},
): Promise<string> {
  const { operationId } = await call<{ operationId: string }>(`${baseUrl}/api/imports`, {
    method: 'POST',
    token,
    body: JSON.stringify(body),
  });
  return operationId;
}

export async function listUsers(
  baseUrl: string,
  token: string,
): Promise<{ name: string; source: string }[]> {
  const { users } = await call<{ users: { name: string; source: string }[] }>(
    `${baseUrl}/api/users`,
    { token },
  );
  return users;
}
