import { useState } from 'react';
import { logIn, type Session } from './api.js';

const DEMO_USERS = [
  { id: 'alice', name: 'Alice Adams', tenant: 'Acme', role: 'admin' },
  { id: 'bob', name: 'Bob Brown', tenant: 'Acme', role: 'member' },
  { id: 'carol', name: 'Carol Chen', tenant: 'Globex', role: 'admin' },
];

export function LoginScreen({ onLogin }: { onLogin: (session: Session) => void }) {
  const [error, setError] = useState<string | null>(null);
  const choose = (id: string) =>
    logIn(id).then(onLogin, (failure: Error) => setError(failure.message));

  return (
    <main className="login">
      <h1>opwire demo</h1>
      <p>
        Pick a demo user. Alice and Bob share the tenant <b>Acme</b> and see each other's imports;
        Carol is in <b>Globex</b> and sees none of them.
      </p>
      <div className="login-users">
        {DEMO_USERS.map((user) => (
          <button key={user.id} type="button" onClick={() => choose(user.id)}>
            <strong>Log in as {user.name.split(' ')[0]}</strong>
            <span>
              {user.tenant} · {user.role}
            </span>
          </button>
        ))}
      </div>
      {error && <p className="error">{error}</p>}
      <p className="fineprint">
        Demo only: these accounts and their password exist only in this demo.
      </p>
    </main>
  );
}
