// Embedding rows: the source the vector index is built from, and what the reindex job
// writes. Vectors go in and out as Float32Arrays; their bytes are this layer's business
// (./vector-bytes.ts).
import type { ModelIdentity } from '../model-identity';
import type { Prisma } from './database';
import { db } from './errors';
import { vectorFromBytes, vectorToBytes } from './vector-bytes';

/** Where a label points. */
export interface LabelRow {
  label: number;
  imageId: string;
  itemId: string;
}

export interface VectorRow extends LabelRow {
  vector: Float32Array;
}

/** What the index's filters need of an item. */
export interface ItemState {
  itemId: string;
  quantity: number;
  retired: boolean;
  category: string;
}

const ofModel = (m: ModelIdentity) => ({ modelName: m.name, modelVersion: m.version });

export class EmbeddingStore {
  constructor(private readonly prisma: Prisma) {}

  async labels(model: ModelIdentity): Promise<LabelRow[]> {
    const rows = await db(() =>
      this.prisma.embedding.findMany({
        where: ofModel(model),
        select: { label: true, imageId: true, image: { select: { itemId: true } } },
        orderBy: { label: 'asc' },
      }),
    );
    return rows.map((r) => ({ label: r.label, imageId: r.imageId, itemId: r.image.itemId }));
  }

  /** Every row of the model; `dim` is the length its vectors must have. */
  async vectors(model: ModelIdentity, dim: number): Promise<VectorRow[]> {
    const rows = await db(() =>
      this.prisma.embedding.findMany({
        where: ofModel(model),
        select: { label: true, imageId: true, vector: true, image: { select: { itemId: true } } },
        orderBy: { label: 'asc' },
      }),
    );
    return rows.map((r) => ({ label: r.label, imageId: r.imageId, itemId: r.image.itemId, vector: vectorFromBytes(r.vector, dim) }));
  }

  /** Every item's state, or those of `ids` (unknown ids are left out). */
  /** The rows of `labels` that are of the model (others, and deleted ones, are left out). */
  async vectorsByLabel(model: ModelIdentity, dim: number, labels: number[]): Promise<VectorRow[]> {
    if (labels.length === 0) return [];
    const rows = await db(() =>
      this.prisma.embedding.findMany({
        where: { ...ofModel(model), label: { in: labels } },
        select: { label: true, imageId: true, vector: true, image: { select: { itemId: true } } },
      }),
    );
    return rows.map((r) => ({ label: r.label, imageId: r.imageId, itemId: r.image.itemId, vector: vectorFromBytes(r.vector, dim) }));
  }

  async itemStates(ids?: string[]): Promise<ItemState[]> {
    const where = ids ? { id: { in: ids } } : {};
    const rows = await db(() => this.prisma.catalogueItem.findMany({ where, select: { id: true, quantity: true, retiredAt: true, category: true } }));
    return rows.map((r) => ({ itemId: r.id, quantity: r.quantity, retired: r.retiredAt !== null, category: r.category }));
  }

  /** Rows of this model: what the index must hold. */
  async count(model: ModelIdentity): Promise<number> {
    return db(() => this.prisma.embedding.count({ where: ofModel(model) }));
  }

  /** Rows left by other models (or versions): the catalogue needs a reindex. */
  async otherModelCount(model: ModelIdentity): Promise<number> {
    return db(() => this.prisma.embedding.count({ where: { NOT: ofModel(model) } }));
  }

  /** Images with no row for this model (retired items' too: a restored item must match at once). */
  async missingCount(model: ModelIdentity): Promise<number> {
    return db(() => this.prisma.studioImage.count({ where: { embeddings: { none: ofModel(model) } } }));
  }

  /** Image ids, oldest first, retired items' included; `onlyMissing` skips those already embedded with `model`. */
  async imagesToEmbed(model: ModelIdentity, onlyMissing: boolean): Promise<string[]> {
    const rows = await db(() =>
      this.prisma.studioImage.findMany({
        where: onlyMissing ? { embeddings: { none: ofModel(model) } } : {},
        select: { id: true },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      }),
    );
    return rows.map((r) => r.id);
  }

  /** Inserts or replaces the image's vector for `model`; an existing row keeps its label. */
  async upsert(imageId: string, model: ModelIdentity, vector: Float32Array): Promise<number> {
    const bytes = new Uint8Array(vectorToBytes(vector));
    const row = await db(() =>
      this.prisma.embedding.upsert({
        where: { imageId_modelName_modelVersion: { imageId, ...ofModel(model) } },
        create: { imageId, ...ofModel(model), dim: vector.length, vector: bytes },
        update: { dim: vector.length, vector: bytes },
        select: { label: true },
      }),
    );
    return row.label;
  }

  async deleteOtherModels(model: ModelIdentity): Promise<number> {
    const { count } = await db(() => this.prisma.embedding.deleteMany({ where: { NOT: ofModel(model) } }));
    return count;
  }
}
