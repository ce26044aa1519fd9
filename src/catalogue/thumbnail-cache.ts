// Thumbnails rendered once and kept in memory (IMAGE_CACHE_BYTES), keyed by image id and
// size: image ids never change content, so a hit needs neither the database nor sharp.
// Requests for one thumbnail that arrive while it renders wait for that render.
import { ByteLru } from './byte-lru';
import { renderThumbnail, THUMBNAIL_SIZES } from './thumbnails';
import type { StoredImage } from './types';

export interface Thumbnail {
  bytes: Buffer;
  mimeType: string;
  /** Strong: the original's hash and the size say exactly which bytes these are. */
  etag: string;
  byteLength: number;
}

export class ThumbnailCache {
  private readonly cache: ByteLru<Thumbnail>;
  private readonly rendering = new Map<string, Promise<Thumbnail | null>>();

  constructor(
    private readonly load: (id: string) => Promise<StoredImage | null>,
    maxBytes: number,
  ) {
    this.cache = new ByteLru(maxBytes);
  }

  get bytes(): number {
    return this.cache.bytes;
  }

  /** The thumbnail, or null when there is no such image. `size` is one of THUMBNAIL_SIZES. */
  async get(id: string, size: number): Promise<Thumbnail | null> {
    const key = `${id}/${size}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    let pending = this.rendering.get(key);
    if (!pending) {
      pending = this.render(id, size).finally(() => this.rendering.delete(key));
      this.rendering.set(key, pending);
    }
    return pending;
  }

  /** A removed image's thumbnails go, those rendering now included (once they finish). */
  forget(id: string): void {
    for (const size of THUMBNAIL_SIZES) {
      const key = `${id}/${size}`;
      this.cache.delete(key);
      const drop = () => this.cache.delete(key);
      this.rendering.get(key)?.then(drop, drop);
    }
  }

  private async render(id: string, size: number): Promise<Thumbnail | null> {
    const image = await this.load(id);
    if (!image) return null;
    const bytes = await renderThumbnail(image.data, image.mimeType, size);
    const thumbnail = { bytes, mimeType: image.mimeType, etag: thumbnailEtag(image.sha256, size), byteLength: bytes.length };
    this.cache.set(`${id}/${size}`, thumbnail);
    return thumbnail;
  }
}

export const originalEtag = (sha256: string) => `"${sha256.slice(0, 32)}"`;
export const thumbnailEtag = (sha256: string, size: number) => `"${sha256.slice(0, 32)}-${size}"`;
