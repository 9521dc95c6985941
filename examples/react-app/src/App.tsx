import { OpwireProvider } from '@opwire/react';
import { useState } from 'react';
import { Toaster } from 'sonner';
import { forgetSession, type Session, savedSession } from './api.js';
import { Dashboard } from './Dashboard.js';
import { LoginScreen } from './LoginScreen.js';

export function App() {
  const [session, setSession] = useState<Session | null>(savedSession);

  if (!session) return <LoginScreen onLogin={setSession} />;
  const logOut = () => {
    forgetSession();
    setSession(null);
  };
  return (
    // One client per signed-in user: the provider creates it, connects it and closes it.
    <OpwireProvider key={session.user.id} options={{ token: () => session.token }}>
      <Dashboard session={session} onLogOut={logOut} />
      <Toaster position="bottom-right" richColors closeButton />
    </OpwireProvider>
  );
}
