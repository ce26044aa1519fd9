// The shell: sign-in until a key is accepted, then the navigation of the key's role and the page.
import { useEffect, useRef, useState } from 'preact/hooks';
import { whenUnauthenticated } from './api/graphql';
import { ApiError } from './api/errors';
import { findPage, PAGES } from './pages';
import { useRoute } from './router';
import { allows, forgetKey, signIn, storedKey, type Session } from './session';
import { Forbidden } from './forbidden';
import { SignIn } from './sign-in';
import { ErrorNotice } from './ui/notices';

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [checking, setChecking] = useState<boolean>(() => storedKey() !== null);
  const [problem, setProblem] = useState<unknown>(null);
  const route = useRoute();
  const signedIn = useRef(false);
  signedIn.current = session !== null;

  const resume = () => {
    const key = storedKey();
    if (!key) return setChecking(false);
    setChecking(true);
    setProblem(null);
    signIn(key)
      .then(setSession, (error) => {
        // A refused key is forgotten; a server that is down keeps it for the next try.
        if (error instanceof ApiError && error.kind === 'unauthenticated') forgetKey();
        setProblem(error);
      })
      .finally(() => setChecking(false));
  };
  useEffect(() => {
    // Any request the server answers 401 (key revoked meanwhile) signs out, saying why.
    // (Sign-in itself explains a refused key on its own form.)
    whenUnauthenticated((error) => {
      if (!signedIn.current) return;
      forgetKey();
      setSession(null);
      setProblem(error);
    });
    resume();
  }, []);

  if (checking) return <p class="page" aria-busy="true">Checking your key…</p>;
  if (!session) {
    const keyKept = storedKey() !== null;
    return (
      <main class="page">
        {problem !== null && <ErrorNotice error={problem} onRetry={keyKept ? resume : undefined} />}
        {keyKept ? (
          <button type="button" class="link" onClick={() => (forgetKey(), setProblem(null), setChecking(false))}>
            Sign in with another key
          </button>
        ) : (
          <SignIn onSignedIn={(s) => (setProblem(null), setSession(s))} />
        )}
      </main>
    );
  }
  const found = findPage(route);
  const signOut = () => {
    forgetKey();
    setSession(null);
  };
  return (
    <>
      <header class="top">
        <nav aria-label="Pages">
          <ul>
            {PAGES.filter((p) => p.label && allows(session.role, p.role)).map((p) => (
              <li key={p.route}>
                <a href={`#${p.route}`} aria-current={found?.page === p ? 'page' : undefined}>
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <span>
            {session.name} ({session.role.toLowerCase()})
          </span>
          <button type="button" class="link" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main class="page">
        {!found ? (
          <p>
            There is no page here. <a href="#/match">Match a photo</a>
          </p>
        ) : allows(session.role, found.page.role) ? (
          <found.page.component key={route} session={session} param={found.param} />
        ) : (
          <Forbidden session={session} needed={found.page.role} />
        )}
      </main>
    </>
  );
}
