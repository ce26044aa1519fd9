// GET /images/:id[?size=N]: the stored bytes, or a thumbnail. Image ids never change
// content, so answers are cacheable for a year.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_THUMBNAIL, MIN_THUMBNAIL, thumbnail } from '../catalogue/thumbnails';
import { AppError } from '../errors';
import type { Services } from '../services';
import { sendJson } from './respond';

export async function handleImage(req: IncomingMessage, res: ServerResponse, id: string, services: Services): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const sizeParam = url.searchParams.get('size');
  let size: number | undefined;
  if (sizeParam !== null) {
    size = Number(sizeParam);
    if (!Number.isInteger(size) || size < MIN_THUMBNAIL || size > MAX_THUMBNAIL) {
      return sendJson(res, 400, { error: `size must be a whole number from ${MIN_THUMBNAIL} to ${MAX_THUMBNAIL}` });
    }
  }
  let image;
  try {
    image = await services.catalogue.image(id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'SERVICE_UNAVAILABLE') {
      return sendJson(res, 503, { error: error.message }, { 'retry-after': '5' });
    }
    throw error;
  }
  if (!image) return sendJson(res, 404, { error: `no image with id ${id}` });

  const etag = `"${image.sha256.slice(0, 32)}${size ? `-${size}` : ''}"`;
  const headers = {
    'content-type': image.mimeType,
    'cache-control': 'public, max-age=31536000, immutable',
    etag,
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    return void res.end();
  }
  const bytes = size ? await thumbnail(image.data, image.mimeType, size) : image.data;
  res.writeHead(200, { ...headers, 'content-length': String(bytes.length) });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
