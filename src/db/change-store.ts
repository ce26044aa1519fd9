// The change feed's rows (table catalogue_change, written by triggers: see the migration
// catalogue_change_feed). Sequences are bigints in Postgres and here.
import type { Prisma } from './database';
import { db } from './errors';

export type ChangeKind = 'item' | 'embedding' | 'embedding-removed' | 'reindexed';

export interface CatalogueChange {
  seq: bigint;
  kind: ChangeKind;
  itemId: string | null;
  label: number | null;
  /** application_name of the connection that made it: which process. */
  origin: string;
}

/** The NOTIFY channel the triggers wake. */
export const CHANGE_CHANNEL = 'catalogue_change';

export class ChangeStore {
  constructor(private readonly prisma: Prisma) {}

  /** The newest committed change's sequence; 0 when there is none. */
  async latest(): Promise<bigint> {
    const row = await db(() => this.prisma.catalogueChange.aggregate({ _max: { seq: true } }));
    return row._max.seq ?? 0n;
  }

  /** Up to `take` changes after `seq`, in order. */
  async after(seq: bigint, take: number): Promise<CatalogueChange[]> {
    const rows = await db(() =>
      this.prisma.catalogueChange.findMany({
        where: { seq: { gt: seq } },
        orderBy: { seq: 'asc' },
        take,
        select: { seq: true, kind: true, itemId: true, label: true, origin: true },
      }),
    );
    return rows as CatalogueChange[];
  }

  /** A change no trigger sees (a finished reindex), through the same function, so in the same order. */
  async record(kind: 'reindexed'): Promise<void> {
    await db(() => this.prisma.$executeRaw`SELECT catalogue_change_record(${kind}::text, NULL::uuid, NULL::integer)`);
  }

  /** Deletes changes older than `ms`; every running process has long applied them. */
  async prune(ms: number): Promise<number> {
    const before = new Date(Date.now() - ms);
    const { count } = await db(() => this.prisma.catalogueChange.deleteMany({ where: { createdAt: { lt: before } } }));
    return count;
  }
}
