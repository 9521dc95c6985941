/** A demo account. DEMO ONLY: real apps look users up in their own identity system. */
export interface DemoUser {
  id: string;
  name: string;
  tenantId: string;
  tenantName: string;
  roles: string[];
}

/** A row of the users table each tenant sees. */
export interface DirectoryUser {
  id: string;
  name: string;
  email: string;
  source: 'seed' | 'import';
  createdAt: string;
}

/** Everyone can sign in with the password `demo`. Two tenants, so isolation can be tried. */
export const DEMO_USERS: readonly DemoUser[] = [
  { id: 'alice', name: 'Alice Adams', tenantId: 'acme', tenantName: 'Acme', roles: ['admin'] },
  { id: 'bob', name: 'Bob Brown', tenantId: 'acme', tenantName: 'Acme', roles: ['member'] },
  { id: 'carol', name: 'Carol Chen', tenantId: 'globex', tenantName: 'Globex', roles: ['admin'] },
];

export function findDemoUser(id: string): DemoUser | undefined {
  return DEMO_USERS.find((user) => user.id === id);
}

/** The users table of every tenant, in memory. */
export class UserDirectory {
  readonly #byTenant = new Map<string, DirectoryUser[]>();

  constructor() {
    for (const user of DEMO_USERS) {
      this.add(user.tenantId, [
        {
          id: user.id,
          name: user.name,
          email: `${user.id}@${user.tenantId}.example`,
          source: 'seed',
          createdAt: new Date().toISOString(),
        },
      ]);
    }
  }

  list(tenantId: string): DirectoryUser[] {
    return [...(this.#byTenant.get(tenantId) ?? [])];
  }

  add(tenantId: string, users: readonly DirectoryUser[]): void {
    const rows = this.#byTenant.get(tenantId) ?? [];
    rows.push(...users);
    this.#byTenant.set(tenantId, rows);
  }
}
