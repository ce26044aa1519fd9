// GET /images/:id[?size=N]: the stored bytes, or a thumbnail of a fixed size (rendered
// once, then served from memory). Image ids never change content, so answers are
// cacheable for a year, with a strong ETag.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { originalEtag } from '../catalogue/thumbnail-cache';
import { LARGEST_THUMBNAIL, THUMBNAIL_SIZES, thumbnailSize } from '../catalogue/thumbnails';
import { AppError, DATABASE_RETRY_AFTER_SECONDS } from '../errors';
import type { Services } from '../services';
import { sendJson } from './respond';

const SIZE_RULE =
  `size must be a whole number from 1 to ${LARGEST_THUMBNAIL}: thumbnails are ${THUMBNAIL_SIZES.join(', ')} pixels ` +
  '(a size in between gets the next one up); leave size out for the original';

interface ImageAnswer {
  bytes: Buffer;
  mimeType: string;
  etag: string;
}

/** The thumbnail size asked for (rounded up), undefined for the original, null when it cannot be served. */
function requestedSize(param: string | null): number | undefined | null {
  if (param === null) return undefined;
  const n = Number(param);
  return Number.isInteger(n) && n >= 1 ? thumbnailSize(n) : null;
}

/** If-None-Match: a list of tags or `*`; weak comparison, as RFC 9110 asks for it. */
function notModified(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

export async function handleImage(req: IncomingMessage, res: ServerResponse, id: string, services: Services): Promise<void> {
  const size = requestedSize(new URL(req.url ?? '/', 'http://localhost').searchParams.get('size'));
  if (size === null) return sendJson(res, 400, { error: SIZE_RULE });
  let image: ImageAnswer | null;
  try {
    if (size) {
      image = await services.thumbnails.get(id, size);
    } else {
      const stored = await services.catalogue.image(id);
      image = stored && { bytes: stored.data, mimeType: stored.mimeType, etag: originalEtag(stored.sha256) };
    }
  } catch (error) {
    if (error instanceof AppError && error.code === 'SERVICE_UNAVAILABLE') {
      return sendJson(res, 503, { error: error.message }, { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) });
    }
    throw error;
  }
  if (!image) return sendJson(res, 404, { error: `no image with id ${id}` });

  const headers = {
    'content-type': image.mimeType,
    'cache-control': 'public, max-age=31536000, immutable',
    etag: image.etag,
  };
  if (notModified(req.headers['if-none-match'], image.etag)) {
    res.writeHead(304, headers);
    return void res.end();
  }
  res.writeHead(200, { ...headers, 'content-length': String(image.bytes.length) });
  res.end(req.method === 'HEAD' ? undefined : image.bytes);
}
