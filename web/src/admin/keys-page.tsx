// API keys: who has one, with which role, when each was last used; create one (its secret
// is shown this once, with a copy button) or revoke one.
import { useState } from 'preact/hooks';
import { graphql } from '../api/graphql';
import type { PageProps } from '../pages';
import type { Role } from '../session';
import { ErrorNotice } from '../ui/notices';
import { useApi } from '../ui/use-api';
import { USER_ERRORS, UserErrors, type UserError } from '../ui/user-errors';

interface ApiKey {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
const KEY_FIELDS = 'id name role prefix createdAt lastUsedAt revokedAt';
const KEYS = `query ApiKeys { apiKeys { ${KEY_FIELDS} } }`;
const CREATE = `mutation CreateKey($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { key apiKey { ${KEY_FIELDS} } ${USER_ERRORS} } }`;
const REVOKE = `mutation RevokeKey($input: ApiKeyRevokeInput!) { apiKeyRevoke(input: $input) { apiKey { ${KEY_FIELDS} } ${USER_ERRORS} } }`;

const when = (at: string | null, never: string) => (at ? new Date(at).toLocaleString() : never);

export default function KeysPage({ session }: PageProps) {
  const keys = useApi(() => graphql<{ apiKeys: ApiKey[] }>(KEYS, {}, { key: session.key }).then((d) => d.apiKeys), []);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('WAREHOUSE');
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [problems, setProblems] = useState<UserError[]>([]);
  const [error, setError] = useState<unknown>(null);

  const create = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setProblems([]);
    try {
      const { apiKeyCreate: answer } = await graphql<{ apiKeyCreate: { key: string | null; apiKey: ApiKey | null; userErrors: UserError[] } }>(CREATE, { input: { name, role } }, { key: session.key });
      setProblems(answer.userErrors);
      if (answer.key) {
        setCreated({ key: answer.key, name });
        setName('');
        keys.reload();
      }
    } catch (failure) {
      setError(failure);
    }
  };
  const revoke = async (key: ApiKey) => {
    if (!confirm(`Revoke the key “${key.name}”? Anything using it is refused from now on.`)) return;
    setError(null);
    try {
      const { apiKeyRevoke: answer } = await graphql<{ apiKeyRevoke: { userErrors: UserError[] } }>(REVOKE, { input: { id: key.id } }, { key: session.key });
      setProblems(answer.userErrors);
      keys.reload();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <div>
      <h1>API keys</h1>
      {created && <NewKey {...created} onDone={() => setCreated(null)} />}
      <form onSubmit={create}>
        <h2>Create a key</h2>
        <label>
          Who or what it is for
          <input required value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="e.g. scanner 7" />
        </label>
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            <option value="WAREHOUSE">Warehouse: match photos, read the catalogue</option>
            <option value="MERCHANDISER">Merchandiser: also change the catalogue</option>
            <option value="ADMIN">Admin: also keys and re-indexing</option>
          </select>
        </label>
        <button type="submit" class="primary">
          Create key
        </button>
      </form>
      <UserErrors errors={problems} />
      {error !== null && <ErrorNotice error={error} />}
      {keys.error !== null && <ErrorNotice error={keys.error} onRetry={keys.reload} />}
      {keys.data && (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">API keys</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Starts with</th>
                <th scope="col">Last used</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((k) => (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  <td>{k.role.toLowerCase()}</td>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>{when(k.lastUsedAt, 'never')}</td>
                  <td>
                    {k.revokedAt ? (
                      `Revoked ${when(k.revokedAt, '')}`
                    ) : (
                      <button type="button" class="danger" aria-label={`Revoke ${k.name}`} onClick={() => revoke(k)}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** The secret, this once: only its hash is stored, so it cannot be shown again. */
function NewKey({ key: secret, name, onDone }: { key: string; name: string; onDone: () => void }) {
  const [copied, setCopied] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('Copied.');
    } catch {
      // No clipboard (a page not on https or localhost): the field is selected to copy by hand.
      (document.getElementById('new-key') as HTMLInputElement).select();
      setCopied('Selected: copy it with your device’s copy command.');
    }
  };
  return (
    <section class="notice" aria-labelledby="new-key-title">
      <h2 id="new-key-title">The key for “{name}”</h2>
      <p>Copy it now: it is shown this once and cannot be shown again.</p>
      <label>
        New API key
        <input id="new-key" class="secret" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <div class="row">
        <button type="button" class="primary" onClick={copy}>
          Copy key
        </button>
        <button type="button" onClick={onDone}>
          Done
        </button>
        <span role="status">{copied}</span>
      </div>
    </section>
  );
}
