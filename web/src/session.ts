// The signed-in API key: pasted once, kept in this browser's localStorage until signed out.
// The key's role (from `viewer`) decides which pages are offered.
import { graphql } from './api/graphql';

export type Role = 'WAREHOUSE' | 'MERCHANDISER' | 'ADMIN';
const ROLES: Role[] = ['WAREHOUSE', 'MERCHANDISER', 'ADMIN'];
const STORAGE_KEY = 'catalogue-search.api-key';

export interface Session {
  key: string;
  name: string;
  role: Role;
}

/** Whether a key of `role` has the rights of `needed` (each role includes the ones before). */
export const allows = (role: Role, needed: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(needed);

export function storedKey(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function forgetKey(): void {
  localStorage.removeItem(STORAGE_KEY);
}

/** Asks the server who the key is; keeps it when the server accepts it. */
export async function signIn(key: string): Promise<Session> {
  const { viewer } = await graphql<{ viewer: { name: string; role: Role } }>('query Viewer { viewer { name role } }', {}, { key });
  localStorage.setItem(STORAGE_KEY, key);
  return { key, ...viewer };
}
