#!/usr/bin/env node
// `npm ci` runs this (the `prepare` script), so a fresh clone's `npm start` serves the web
// app with no extra step. The Dockerfile installs dependencies before it copies web/ (so
// code changes keep the dependency layer): there it says so and leaves the build to
// `npm run build`.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
if (!fs.existsSync(path.join(root, 'web', 'index.html'))) {
  console.log('web/ is not here yet: the web app is built later, by `npm run build`.');
  process.exit(0);
}
let vite;
try {
  vite = path.join(path.dirname(require.resolve('vite/package.json', { paths: [root] })), 'bin', 'vite.js');
} catch {
  // `npm ci --omit=dev` (or NODE_ENV=production): Vite is a dev dependency.
  console.log('Vite is not installed (dev dependencies left out): the web app is not built; the server answers / with 503 until `npm run build:web` runs on a full install.');
  process.exit(0);
}
execFileSync(process.execPath, [vite, 'build', '--config', path.join(root, 'web', 'vite.config.mts')], {
  cwd: root,
  stdio: 'inherit',
});
