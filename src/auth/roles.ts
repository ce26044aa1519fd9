// Three roles, each including the rights of the one before it.
import { forbidden, unauthenticated } from '../errors';

export type Role = 'warehouse' | 'merchandiser' | 'admin';

export const ROLES: readonly Role[] = ['warehouse', 'merchandiser', 'admin'];

export interface ApiKeyInfo {
  id: string;
  name: string;
  role: Role;
  /** The first characters of the key, to recognise it in lists. */
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Who is calling: the key, or nobody. */
export interface Caller {
  key: ApiKeyInfo | null;
}

/** Throws UNAUTHENTICATED without a key and FORBIDDEN below the role needed. */
export function requireRole(caller: Caller, needed: Role): ApiKeyInfo {
  if (!caller.key) throw unauthenticated();
  if (ROLES.indexOf(caller.key.role) < ROLES.indexOf(needed)) {
    throw forbidden(`this operation needs the ${needed} role; your key has ${caller.key.role}`);
  }
  return caller.key;
}
