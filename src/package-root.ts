// The installed package's folder (schema.graphql, prisma/, models/, demo/ live there), from
// src/ or from the build's dist/src/: the one place that knows where the code sits in it.
import fs from 'node:fs';
import path from 'node:path';

function find(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'schema.graphql'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(__dirname, '..');
  }
}

export const PACKAGE_ROOT = find(__dirname);
