// The installed package's folder (where models/ lives): see src/package-root.ts.
import { PACKAGE_ROOT } from '../package-root';

export function packageRoot(): string {
  return PACKAGE_ROOT;
}
