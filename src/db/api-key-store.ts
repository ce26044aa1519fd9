// API key rows. Only hashes are stored; the key itself is shown once at creation.
import type { ApiKeyInfo, Role } from '../auth/roles';
import type { Prisma } from './database';
import { db } from './errors';

const info = { id: true, name: true, role: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

export class ApiKeyStore {
  constructor(private readonly prisma: Prisma) {}

  create(name: string, role: Role, keyHash: string, prefix: string): Promise<ApiKeyInfo> {
    return db(() => this.prisma.apiKey.create({ data: { name, role, keyHash, prefix }, select: info }));
  }

  list(): Promise<ApiKeyInfo[]> {
    return db(() => this.prisma.apiKey.findMany({ select: info, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }));
  }

  count(): Promise<number> {
    return db(() => this.prisma.apiKey.count());
  }

  /** The active key with this hash, if any. */
  findActiveByHash(keyHash: string): Promise<ApiKeyInfo | null> {
    return db(() => this.prisma.apiKey.findFirst({ where: { keyHash, revokedAt: null }, select: info }));
  }

  /** Sets revokedAt unless it is set already; null when there is no such key. */
  async revoke(id: string, at: Date): Promise<ApiKeyInfo | null> {
    await db(() => this.prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } }));
    return db(() => this.prisma.apiKey.findUnique({ where: { id }, select: info }));
  }

  /** Keys by id, in no particular order; unknown ids are left out. */
  findByIds(ids: string[]): Promise<ApiKeyInfo[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db(() => this.prisma.apiKey.findMany({ where: { id: { in: ids } }, select: info }));
  }

  touch(id: string, at: Date): Promise<void> {
    return db(() => this.prisma.apiKey.update({ where: { id }, data: { lastUsedAt: at } })).then(() => undefined);
  }

  /**
   * Makes sure an admin key with this hash exists (CATALOGUE_ADMIN_KEY) and returns it.
   * A revoked one stays revoked: the caller sees `revokedAt` and refuses it.
   */
  ensureAdmin(keyHash: string, prefix: string, name: string): Promise<ApiKeyInfo> {
    return db(() =>
      this.prisma.apiKey.upsert({
        where: { keyHash },
        create: { name, role: 'admin', keyHash, prefix },
        update: { role: 'admin' },
        select: info,
      }),
    );
  }
}
