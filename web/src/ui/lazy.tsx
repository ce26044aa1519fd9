// Pages other than the warehouse's load on first visit, so the phone downloads only the
// warehouse page's code when it opens the app.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from './notices';

export function lazyPage<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  return function LazyPage(props: P) {
    const [Page, setPage] = useState<ComponentType<P> | null>(null);
    const [error, setError] = useState<unknown>(null);
    useEffect(() => {
      load().then((m) => setPage(() => m.default), setError);
    }, []);
    if (error) return <ErrorNotice error={new Error('This page could not be loaded: the server may be down. Reload to try again.')} />;
    return Page ? <Page {...props} /> : <p aria-busy="true">Loading…</p>;
  };
}
