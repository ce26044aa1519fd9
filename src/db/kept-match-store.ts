// Kept matches (FEEDBACK=on): written by matchSnapshot, given feedback by the warehouse,
// read by the evaluation and the export, deleted when older than the retention. Every
// read and write takes `notBefore` (now minus the retention): a row past it is treated as
// gone whether or not the purge has deleted it yet.
import type { ModelIdentity } from '../model-identity';
import type { Prisma as PrismaNs } from '../generated/prisma/client';
import type { Tx } from './catalogue-rows';
import type { Prisma } from './database';
import { db } from './errors';
import { vectorFromBytes, vectorToBytes } from './vector-bytes';

/** One entry of the answer, best first. */
export interface KeptHit {
  itemId: string;
  imageId: string;
  score: number;
}

export type FeedbackKind = 'confirmed' | 'new_item';

export interface NewKeptMatch {
  id: string;
  createdAt: Date;
  photo: Buffer;
  cutout: Buffer;
  embedding: Float32Array;
  embeddingModel: ModelIdentity;
  segmentationModel: ModelIdentity;
  removeBackground: boolean;
  garmentFound: boolean;
  /** The query view it was embedded with, as describeQueryView writes it. */
  queryView: string;
  matches: KeptHit[];
  verdict: string | null;
  /** The item an IN_CATALOGUE verdict named. */
  verdictItemId: string | null;
}

/** A kept match without its bytes. */
export interface KeptMatch {
  id: string;
  createdAt: Date;
  embeddingModel: ModelIdentity;
  segmentationModel: ModelIdentity;
  removeBackground: boolean;
  garmentFound: boolean;
  /** Null for matches kept before it was recorded. */
  queryView: string | null;
  matches: KeptHit[];
  verdict: string | null;
  verdictItemId: string | null;
  feedback: FeedbackKind | null;
  feedbackAt: Date | null;
  itemId: string | null;
  referenceImageId: string | null;
}

/** With the query vector, for the evaluation. */
export interface KeptVector extends KeptMatch {
  embedding: Float32Array;
}

/** With everything, for the export. */
export interface KeptMatchExport extends KeptVector {
  photo: Buffer;
  cutout: Buffer;
}

/** Why feedback was not recorded. */
export type FeedbackRefusal = 'gone' | 'taken' | 'item-gone' | 'item-retired';

const info = {
  id: true,
  createdAt: true,
  embeddingModelName: true,
  embeddingModelVersion: true,
  segmentationModelName: true,
  segmentationModelVersion: true,
  removeBackground: true,
  garmentFound: true,
  queryView: true,
  matches: true,
  verdict: true,
  verdictItemId: true,
  feedback: true,
  feedbackAt: true,
  itemId: true,
  referenceImageId: true,
} as const;

type InfoRow = PrismaNs.KeptMatchGetPayload<{ select: typeof info }>;

function toKept(row: InfoRow): KeptMatch {
  const { embeddingModelName, embeddingModelVersion, segmentationModelName, segmentationModelVersion, ...rest } = row;
  return {
    ...rest,
    embeddingModel: { name: embeddingModelName, version: embeddingModelVersion },
    segmentationModel: { name: segmentationModelName, version: segmentationModelVersion },
    matches: row.matches as unknown as KeptHit[],
  };
}

/** DateTime columns hold UTC without a zone (Prisma's way); a raw comparison must too. */
const utcTimestamp = (at: Date) => at.toISOString().replace('T', ' ').replace('Z', '');

/** Deleted per statement, so one purge never holds many row locks or runs long. */
const PURGE_BATCH = 500;

export class KeptMatchStore {
  constructor(private readonly prisma: Prisma) {}

  async insert(m: NewKeptMatch): Promise<void> {
    await db(() =>
      this.prisma.keptMatch.create({
        data: {
          id: m.id,
          createdAt: m.createdAt,
          photo: new Uint8Array(m.photo),
          cutout: new Uint8Array(m.cutout),
          embedding: new Uint8Array(vectorToBytes(m.embedding)),
          dim: m.embedding.length,
          embeddingModelName: m.embeddingModel.name,
          embeddingModelVersion: m.embeddingModel.version,
          segmentationModelName: m.segmentationModel.name,
          segmentationModelVersion: m.segmentationModel.version,
          removeBackground: m.removeBackground,
          garmentFound: m.garmentFound,
          queryView: m.queryView,
          matches: m.matches as unknown as PrismaNs.InputJsonValue,
          verdict: m.verdict,
          verdictItemId: m.verdictItemId,
        },
      }),
    );
  }

  async find(id: string, notBefore: Date): Promise<KeptMatch | null> {
    const row = await db(() => this.prisma.keptMatch.findFirst({ where: { id, createdAt: { gte: notBefore } }, select: info }));
    return row && toKept(row);
  }

  async cutout(id: string): Promise<Buffer | null> {
    const row = await db(() => this.prisma.keptMatch.findUnique({ where: { id }, select: { cutout: true } }));
    return row && Buffer.from(row.cutout);
  }

  /** Confirms the match as the item, in its own transaction. */
  async confirm(id: string, notBefore: Date, itemId: string, at: Date): Promise<FeedbackRefusal | null> {
    return db(() => this.prisma.$transaction((tx) => this.confirmWithin(tx, id, notBefore, { itemId, referenceImageId: null }, at)));
  }

  /**
   * Inside a transaction that may also add the reference image: the item's row is locked
   * (no retirement slips in between the check and the commit), the kept row too (two
   * confirmations of one match queue up and the second sees the first).
   */
  async confirmWithin(tx: Tx, id: string, notBefore: Date, to: { itemId: string; referenceImageId: string | null }, at: Date): Promise<FeedbackRefusal | null> {
    const items = await tx.$queryRaw<{ retired_at: Date | null }[]>`SELECT retired_at FROM catalogue_item WHERE id = ${to.itemId}::uuid FOR SHARE`;
    if (items.length === 0) return 'item-gone';
    if (items[0].retired_at) return 'item-retired';
    return this.record(tx, id, notBefore, { feedback: 'confirmed', feedbackAt: at, ...to });
  }

  async markNewItem(id: string, notBefore: Date, at: Date): Promise<FeedbackRefusal | null> {
    return db(() => this.prisma.$transaction((tx) => this.record(tx, id, notBefore, { feedback: 'new_item', feedbackAt: at })));
  }

  /** Kept matches with feedback, with their query vectors (of `dim` floats). */
  async withFeedback(notBefore: Date): Promise<KeptVector[]> {
    const rows = await db(() =>
      this.prisma.keptMatch.findMany({
        where: { createdAt: { gte: notBefore }, feedback: { not: null } },
        select: { ...info, embedding: true, dim: true },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      }),
    );
    return rows.map(({ embedding, dim, ...row }) => ({ ...toKept(row), embedding: vectorFromBytes(embedding, dim) }));
  }

  /** Up to `take` kept matches after `after` in (createdAt, id) order, bytes and all. */
  async page(notBefore: Date, after: { createdAt: Date; id: string } | null, take: number, withoutFeedback: boolean): Promise<KeptMatchExport[]> {
    const where: PrismaNs.KeptMatchWhereInput = {
      createdAt: { gte: notBefore },
      ...(withoutFeedback ? {} : { feedback: { not: null } }),
      ...(after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {}),
    };
    const rows = await db(() =>
      this.prisma.keptMatch.findMany({
        where,
        select: { ...info, embedding: true, dim: true, photo: true, cutout: true },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take,
      }),
    );
    return rows.map(({ embedding, dim, photo, cutout, ...row }) => ({
      ...toKept(row),
      embedding: vectorFromBytes(embedding, dim),
      photo: Buffer.from(photo),
      cutout: Buffer.from(cutout),
    }));
  }

  /**
   * Deletes the rows created before `cutoff`. Safe on several processes at once: each batch
   * skips rows another purger (or a feedback write) holds, and what is left goes next time.
   */
  async purge(cutoff: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await db(
        () => this.prisma.$executeRaw`DELETE FROM kept_match WHERE id IN (
          SELECT id FROM kept_match WHERE created_at < ${utcTimestamp(cutoff)}::timestamp ORDER BY created_at LIMIT ${PURGE_BATCH} FOR UPDATE SKIP LOCKED)`,
      );
      total += n;
      if (n < PURGE_BATCH) return total;
    }
  }

  private async record(tx: Tx, id: string, notBefore: Date, data: PrismaNs.KeptMatchUncheckedUpdateManyInput): Promise<FeedbackRefusal | null> {
    await tx.$queryRaw`SELECT 1 FROM kept_match WHERE id = ${id}::uuid FOR UPDATE`;
    const row = await tx.keptMatch.findUnique({ where: { id }, select: { createdAt: true, feedback: true } });
    if (!row || row.createdAt < notBefore) return 'gone';
    if (row.feedback !== null) return 'taken';
    await tx.keptMatch.update({ where: { id }, data });
    return null;
  }
}
