import { useTableRefresh } from '@opwire/react';
import { useCallback, useEffect, useState } from 'react';
import { type DirectoryUser, fetchUsers } from './api.js';

/** The tenant's users; reloads when an import that declared `tables: ['users']` succeeds. */
export function UsersTable({ token }: { token: string }) {
  const [users, setUsers] = useState<DirectoryUser[]>([]);
  const [refreshedAt, setRefreshedAt] = useState<Date | null>(null);

  const reload = useCallback(
    () =>
      fetchUsers(token).then((list) => {
        setUsers(list);
        setRefreshedAt(new Date());
      }),
    [token],
  );
  useEffect(() => {
    void reload();
  }, [reload]);
  useTableRefresh('users', reload);

  const newest = [...users].reverse().slice(0, 10);
  return (
    <section className="panel">
      <h2>
        Users <span data-testid="user-count">{users.length}</span>
      </h2>
      <p className="hint">
        {refreshedAt ? `Loaded at ${refreshedAt.toLocaleTimeString()}` : 'Loading…'}; reloads by
        itself when an import succeeds.
      </p>
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>E-mail</th>
            <th>Source</th>
          </tr>
        </thead>
        <tbody>
          {newest.map((user) => (
            <tr key={user.id} className={user.source}>
              <td>{user.name}</td>
              <td>{user.email}</td>
              <td>{user.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {users.length > newest.length && (
        <p className="hint">…and {users.length - newest.length} more.</p>
      )}
    </section>
  );
}
