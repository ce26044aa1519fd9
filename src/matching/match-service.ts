// matchSnapshot: a warehouse photo through the vision pipeline, then the vector index with
// the stock/category filters, then the items. Knows nothing of GraphQL.
import { performance } from 'node:perf_hooks';
import type { CatalogueService, ItemMatch } from '../catalogue/catalogue-service';
import { badInput, serviceUnavailable } from '../errors';
import type { CatalogueIndex } from './catalogue-index';
import { encodeJpeg } from '../vision/crop';
import type { Box } from '../vision/types';
import { encodeKeptPhoto, type FeedbackService } from '../feedback/feedback-service';
import type { CutoutStore } from './cutout-store';
import { decideVerdict, type Verdict } from './verdict';
import type { VisionService } from './vision-service';

export const MAX_MATCHES = 50;

export type CutoutFormat = 'NONE' | 'DATA_URL' | 'URL';

export interface MatchRequest {
  limit?: number;
  includeOutOfStock?: boolean;
  category?: string | null;
  removeBackground?: boolean;
  cutout?: CutoutFormat;
  /** e.g. http://localhost:4000, for the cutout's URL. */
  baseUrl: string;
}

export interface SnapshotMatch {
  matches: ItemMatch[];
  verdict: Verdict;
  /** The item the garment is, when the verdict is IN_CATALOGUE; else null. */
  verdictMatch: ItemMatch | null;
  box: Box;
  garmentFound: boolean;
  timings: { decodeMs: number; segmentMs: number; cropMs: number; embedMs: number; searchMs: number; verdictMs: number; totalMs: number };
  cutout: string | null;
  models: { segmentation: string; embedding: string };
  /** The kept match's id, for feedback; null when feedback is off. */
  matchId: string | null;
}

export class MatchService {
  constructor(
    private readonly vision: VisionService,
    private readonly index: () => CatalogueIndex | null,
    private readonly catalogue: CatalogueService,
    private readonly cutouts: CutoutStore,
    private readonly feedback?: FeedbackService,
  ) {}

  async matchSnapshot(bytes: Buffer, req: MatchRequest): Promise<SnapshotMatch> {
    const start = performance.now();
    const limit = req.limit ?? 5;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_MATCHES) throw badInput(`limit must be from 1 to ${MAX_MATCHES}`);
    const index = this.index();
    const models = this.vision.models;
    const pipeline = this.vision.pipeline;
    if (!index || !models || !pipeline) throw serviceUnavailable(`matching is unavailable: ${this.vision.problem ?? 'no vector index'}`);

    const result = await this.vision.match(bytes, { removeBackground: req.removeBackground ?? true });
    const searchStart = performance.now();
    const hits = index.search(result.embedding, {
      k: limit,
      includeOutOfStock: req.includeOutOfStock ?? false,
      category: req.category ?? undefined,
    });
    const matches = await this.catalogue.resolveHits(hits);
    const verdictStart = performance.now();
    const { verdict, verdictMatch } = await this.verdict(index, result.embedding, matches, req.removeBackground ?? true);
    const verdictMs = performance.now() - verdictStart;
    const searchMs = performance.now() - searchStart;

    const jpeg = req.cutout === 'DATA_URL' || req.cutout === 'URL' ? await encodeJpeg(result.cutout) : null;
    let cutout: string | null = null;
    if (jpeg && req.cutout === 'DATA_URL') cutout = `data:image/jpeg;base64,${jpeg.toString('base64')}`;
    if (jpeg && req.cutout === 'URL') cutout = `${req.baseUrl}/cutouts/${this.cutouts.put(jpeg)}.jpg`;
    // Kept after the answer (feedback/keep-writer.ts): the encodes and the INSERT add no latency.
    const matchId =
      (await this.feedback?.keep(async () => {
        // Both encodes at once (sharp's threads).
        const [photo, cutoutJpeg] = await Promise.all([encodeKeptPhoto(result.photo), jpeg ?? encodeJpeg(result.cutout)]);
        return {
          photo,
          cutout: cutoutJpeg,
          embedding: result.embedding,
          models,
          removeBackground: req.removeBackground ?? true,
          garmentFound: result.garmentFound,
          // As the verdict's calibratedFor names it, so the refit from feedback can compare.
          queryView: pipeline.queryView,
          matches: matches.map((m) => ({ itemId: m.item.id, imageId: m.image.id, score: m.score })),
          verdict,
          verdictItemId: verdictMatch?.item.id ?? null,
        };
      })) ?? null;
    const { segmentation, embedding } = models;
    return {
      matches,
      verdict,
      verdictMatch,
      box: result.box,
      garmentFound: result.garmentFound,
      timings: { ...result.timings, searchMs, verdictMs, totalMs: performance.now() - start },
      cutout,
      models: { segmentation: `${segmentation.name}@${segmentation.version}`, embedding: `${embedding.name}@${embedding.version}` },
      matchId,
    };
  }

  /**
   * Whether the garment is in the catalogue at all: the search again over every item that is
   * not retired, in stock or not, of any category (the filters narrow the list, not the
   * answer). Thresholds were fitted with the background removed, so a whole photo is UNSURE.
   */
  private async verdict(index: CatalogueIndex, embedding: Float32Array, matches: ItemMatch[], removeBackground: boolean) {
    const { thresholds } = this.vision.verdict;
    const hits = index.search(embedding, { k: 2, includeOutOfStock: true });
    const verdict: Verdict = removeBackground || hits.length === 0 ? decideVerdict(hits.map((h) => h.score), thresholds) : 'UNSURE';
    if (verdict !== 'IN_CATALOGUE') return { verdict, verdictMatch: null };
    const best = hits[0];
    const verdictMatch = matches.find((m) => m.item.id === best.itemId && m.image.id === best.imageId) ?? (await this.catalogue.resolveHits([best]))[0];
    // Gone between the search and the read (deleted meanwhile): no item to name.
    return verdictMatch ? { verdict, verdictMatch } : { verdict: 'UNSURE' as const, verdictMatch: null };
  }
}
