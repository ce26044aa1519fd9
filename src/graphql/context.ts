// Per-request context: the services, and the caller, looked up on first use.
import type { ApiKeyInfo, Role } from '../auth/roles';
import { requireRole } from '../auth/roles';
import type { Services } from '../services';

export interface Context {
  services: Services;
  /** e.g. http://localhost:4000, for absolute image URLs. */
  baseUrl: string;
  /** The caller's key if it has at least `role`; throws UNAUTHENTICATED/FORBIDDEN otherwise. */
  require(role: Role): Promise<ApiKeyInfo>;
}

/** `caller` is the key already looked up by the HTTP layer (uploads check it first). */
export function createContext(
  services: Services,
  authorization: string | undefined,
  baseUrl: string,
  caller?: Promise<ApiKeyInfo | null>,
): Context {
  let key: Promise<ApiKeyInfo | null> | undefined = caller;
  return {
    services,
    baseUrl,
    async require(role) {
      key ??= services.apiKeys.authenticate(authorization);
      return requireRole({ key: await key }, role);
    },
  };
}
