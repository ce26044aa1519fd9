// The installed package's folder (where models/ lives), from src/cli or from dist/src/cli.
import fs from 'node:fs';
import path from 'node:path';

export function packageRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'bin', 'catalogue-search.js'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..', '..');
  }
}
