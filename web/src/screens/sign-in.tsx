import { type FormEvent, useState } from 'react';
import { type Session, signIn } from '../auth/session.ts';
import { ErrorText } from '../ui.tsx';

/** The sign-in form: the password grant against the built-in identity provider. */
export function SignIn({
  onSignedIn,
  notice,
}: {
  onSignedIn: (session: Session) => void;
  notice?: string | undefined;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await signIn(username.trim(), password));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Sign-in failed.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <h1>orderflow</h1>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
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
        <p className="hint">
          Demo users: alice, bob (buyers), admin, kitchen, courier — password = user name.
        </p>
      </form>
    </main>
  );
}
