// A page opened by link that the key's role may not use: say why instead of failing.
import type { Role, Session } from './session';

export function Forbidden({ session, needed }: { session: Session; needed: Role }) {
  return (
    <section class="notice error" role="alert">
      <h1>Not allowed with this key</h1>
      <p>
        This page needs the {needed.toLowerCase()} role; your key “{session.name}” has the {session.role.toLowerCase()} role (HTTP 403 from
        the API). Ask an admin for a key with that role, or sign out and sign in with one.
      </p>
      <p>
        <a href="#/match">Match a photo</a>
      </p>
    </section>
  );
}
