// Creating, checking and revoking API keys. Keys are random, shown once, stored hashed.
import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeyStore } from '../db/api-key-store';
import { badInput, notFound } from '../errors';
import { LastUsedRecorder } from './last-used';
import { ROLES, type ApiKeyInfo, type Role } from './roles';

const PREFIX_LENGTH = 10;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');
export const newKey = () => `cs_${randomBytes(24).toString('base64url')}`;

export class ApiKeyService {
  readonly lastUsed: LastUsedRecorder;

  constructor(
    private readonly store: ApiKeyStore,
    private readonly warn: (line: string) => void = (line) => console.error(line),
  ) {
    this.lastUsed = new LastUsedRecorder((id, at) => store.touch(id, at), warn);
  }

  async create(name: string, role: Role): Promise<{ key: string; apiKey: ApiKeyInfo }> {
    if (!name.trim()) throw badInput('an API key needs a name', ['name'], 'BLANK');
    if (!ROLES.includes(role)) throw badInput(`role must be one of ${ROLES.join(', ')}`);
    const key = newKey();
    const apiKey = await this.store.create(name.trim(), role, hashKey(key), key.slice(0, PREFIX_LENGTH));
    return { key, apiKey };
  }

  list(): Promise<ApiKeyInfo[]> {
    return this.store.list();
  }

  /** Revoking twice keeps the first date. */
  async revoke(id: string): Promise<ApiKeyInfo> {
    const key = UUID.test(id) ? await this.store.revoke(id, new Date()) : null;
    if (!key) throw notFound(`no API key with id ${id}`, ['id']);
    return key;
  }

  /** Keys by id, in no particular order; unknown ids are left out. */
  findByIds(ids: string[]): Promise<ApiKeyInfo[]> {
    return this.store.findByIds(ids.filter((id) => UUID.test(id)));
  }

  /** The key behind an Authorization header value, or null when absent or unknown. */
  async authenticate(authorization: string | undefined): Promise<ApiKeyInfo | null> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) return null;
    const key = await this.store.findActiveByHash(hashKey(match[1]));
    if (key) this.lastUsed.record(key.id);
    return key;
  }

  /**
   * Start-up: with a configured admin key, make sure it exists; otherwise, on a database
   * with no keys at all, create one and return it so it can be shown once.
   * A configured key that was revoked stays revoked: a revocation is a decision someone
   * took through the API, and a restart with an old environment must not undo it.
   */
  async bootstrap(configuredAdminKey: string | undefined): Promise<string | null> {
    if (configuredAdminKey) {
      const key = await this.store.ensureAdmin(
        hashKey(configuredAdminKey),
        configuredAdminKey.slice(0, PREFIX_LENGTH),
        'admin (CATALOGUE_ADMIN_KEY)',
      );
      if (key.revokedAt) {
        this.warn(
          `CATALOGUE_ADMIN_KEY is revoked (API key ${key.id}, revoked at ${key.revokedAt.toISOString()}) and refused: ` +
            'requests with it get 401. Set CATALOGUE_ADMIN_KEY to a new value to get an admin key again.',
        );
      }
      return null;
    }
    if ((await this.store.count()) > 0) return null;
    const { key } = await this.create('initial admin', 'admin');
    return key;
  }
}
