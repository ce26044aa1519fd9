// Sign-in: an API key pasted once; the browser keeps it until "Sign out".
import { useState } from 'preact/hooks';
import { signIn, type Session } from './session';
import { ErrorNotice } from './ui/notices';

export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(key.trim()));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="sign-in" onSubmit={submit}>
      <h1>catalogue-search</h1>
      <p>Sign in with the API key an admin gave you. This browser keeps it until you sign out.</p>
      <label>
        API key
        <input type="password" autoComplete="off" required value={key} onInput={(e) => setKey(e.currentTarget.value)} />
      </label>
      <button type="submit" class="primary" disabled={busy || !key.trim()}>
        {busy ? 'Checking…' : 'Sign in'}
      </button>
      {error !== null && <ErrorNotice error={error} />}
    </form>
  );
}
