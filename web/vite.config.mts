// Builds web/ into web/dist: index.html and content-hashed files under assets/, which the
// server serves (src/http/web-route.ts). Relative URLs, so it also works under a path prefix.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, assetsDir: 'assets', target: 'es2022', reportCompressedSize: true },
  // The CSV import page reads CSV with the server's own rules (src/catalogue/csv.ts), through
  // csv-parse's browser build (it carries its own Buffer).
  resolve: { alias: { 'csv-parse/sync': 'csv-parse/browser/esm/sync' } },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  // `npm run dev:web`: the app with hot reload, the API from a server started with `npm start`.
  server: { proxy: Object.fromEntries(['/graphql', '/images', '/cutouts', '/models'].map((p) => [p, 'http://localhost:4000'])) },
});
