// The web app (web/, built by Vite into web/dist) and the model cards it links to.
// index.html is revalidated on every load (it names the current assets); the assets'
// names carry a hash of their content, so browsers keep them for a year.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PACKAGE_ROOT } from '../package-root';

export const WEB_DIST = path.join(PACKAGE_ROOT, 'web', 'dist');

const ASSET_PATH = /^\/assets\/([A-Za-z0-9._-]+)$/;
const MODEL_CARD_PATH = /^\/models\/(segmentation|embedding)\.md$/;
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** The models' manifests in use (config); each card is the manifest's name with .md. */
export interface ModelManifests {
  segmentation: string;
  embedding: string;
}

/** Answers `/`, `/assets/*` and `/models/{segmentation,embedding}.md`; false for any other path. */
export async function handleWeb(req: IncomingMessage, res: ServerResponse, pathname: string, manifests: ModelManifests): Promise<boolean> {
  if (pathname === '/' || pathname === '/index.html') {
    const page = await readOrNull(path.join(WEB_DIST, 'index.html'));
    if (!page) {
      send(res, req, 503, 'text/plain; charset=utf-8', 'no-store', Buffer.from('The web app is not built: run `npm run build:web` (npm ci does it).\n'));
    } else {
      send(res, req, 200, 'text/html; charset=utf-8', 'no-cache', page);
    }
    return true;
  }
  const asset = ASSET_PATH.exec(pathname);
  if (asset) {
    const type = TYPES[path.extname(asset[1])];
    const bytes = type ? await readOrNull(path.join(WEB_DIST, 'assets', asset[1])) : null;
    if (!bytes || !type) send(res, req, 404, 'text/plain; charset=utf-8', 'no-store', Buffer.from('not found\n'));
    else send(res, req, 200, type, 'public, max-age=31536000, immutable', bytes);
    return true;
  }
  const card = MODEL_CARD_PATH.exec(pathname);
  if (card) {
    // The card of the model in use, beside its manifest; plain text so every browser shows it.
    const manifest = manifests[card[1] as keyof ModelManifests];
    const bytes = manifest === 'histogram' ? null : await readOrNull(manifest.replace(/\.json$/, '') + '.md');
    if (!bytes) send(res, req, 404, 'text/plain; charset=utf-8', 'no-store', Buffer.from('no such model card\n'));
    else send(res, req, 200, 'text/plain; charset=utf-8', 'no-cache', bytes);
    return true;
  }
  return false;
}

function send(res: ServerResponse, req: IncomingMessage, status: number, type: string, cache: string, body: Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': String(body.length),
    'cache-control': cache,
    'x-content-type-options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

async function readOrNull(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch {
    return null;
  }
}
