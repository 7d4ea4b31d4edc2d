import { type FormEvent, useState } from 'react';
import type { Session } from '../auth/session.ts';
import type { Auth } from '../auth/use-auth.ts';
import { ErrorText } from '../ui.tsx';

/**
 * Sign-in: a Username/Password form against the built-in identity provider, or a button that
 * goes to the external issuer's own sign-in page (authorization code with PKCE).
 */
export function SignIn({ auth, onSignedIn }: { auth: Auth; onSignedIn: (session: Session) => void }) {
  return (
    <main className="sign-in">
      <h1>orderflow</h1>
      {auth.notice && (
        <p className="notice" role="status">
          {auth.notice}
        </p>
      )}
      {auth.method?.mode === 'authorization_code' ? (
        <IssuerSignIn auth={auth} issuer={auth.method.issuer} />
      ) : (
        <PasswordSignIn auth={auth} onSignedIn={onSignedIn} />
      )}
    </main>
  );
}

function IssuerSignIn({ auth, issuer }: { auth: Auth; issuer: string }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await auth.signInAtIssuer(window.location.pathname + window.location.search);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Sign-in failed.');
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">Sign in</h2>
      <p>You sign in at your organisation’s identity provider ({new URL(issuer).host}).</p>
      <ErrorText text={error} />
      <button type="button" onClick={go} disabled={busy}>
        {busy ? 'Going to sign-in…' : 'Sign in'}
      </button>
    </section>
  );
}

function PasswordSignIn({ auth, onSignedIn }: { auth: Auth; onSignedIn: (session: Session) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await auth.signInWithPassword(username.trim(), password));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Sign-in failed.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="card">
      <h2>Sign in</h2>
      <label>
        Username
        <input
          name="username"
          autoComplete="username"
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <ErrorText text={error} />
      <button type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      <p className="hint">Demo users: alice, bob (buyers), admin, kitchen, courier — password = user name.</p>
    </form>
  );
}
