// The package's own folder: package.json, schema.graphql, prisma/migrations, models/, demo/.
// Found by walking up to our package.json rather than by counting '..', because the count
// differs between src/ (tsx) and dist/src/ (`npm run build`), and every file that counted
// on its own got the built server wrong.
import fs from 'node:fs';
import path from 'node:path';

const NAME = 'catalogue-search';

export function findPackageRoot(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (isOurPackage(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the ${NAME} package (its package.json) above ${from}`);
  }
}

function isOurPackage(file: string): boolean {
  try {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown }).name === NAME;
  } catch {
    return false;
  }
}

export const PACKAGE_ROOT = findPackageRoot(__dirname);
