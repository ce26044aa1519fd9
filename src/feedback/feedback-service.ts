// Feedback that teaches the system: each match is kept (photo, cutout, query vector, the
// answer) for the retention, the warehouse says what it really was, and a confirmed
// snapshot may become one of the item's reference images. Knows nothing of GraphQL.
import { setTimeout as sleep } from 'node:timers/promises';
import type { CatalogueService } from '../catalogue/catalogue-service';
import { UUID } from '../catalogue/validation';
import type { FeedbackRefusal, KeptHit, KeptMatch, KeptMatchExport, KeptMatchStore } from '../db/kept-match-store';
import { badInput, conflict, notFound, serviceUnavailable } from '../errors';
import type { CatalogueIndex } from '../matching/catalogue-index';
import type { ModelIdentity } from '../model-identity';
import { UploadedFile } from '../upload';
import { encodeJpeg } from '../vision/crop';
import type { RgbImage } from '../vision/types';

import { CONFIDENCE_Z, DEFAULT_MAX_UNSURE } from '../matching/verdict-fit';
import type { VisionService } from '../matching/vision-service';
import { calibrateFromFeedback, feedbackSamples, type FeedbackCalibration } from './feedback-calibration';
import { evaluateFeedback, type FeedbackEvaluation, type RankItems } from './evaluation';
import { KeepWriter } from './keep-writer';
import { matchIdTime, newMatchId } from './match-id';

export type { FeedbackKind, KeptMatch, KeptMatchExport } from '../db/kept-match-store';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The kept photo is what the pipeline decoded (at most 1024 px), re-encoded: bounded, and without EXIF (no GPS). */
const PHOTO_QUALITY = 85;
/**
 * How long after its id was made a match not found may still be on its way from another
 * replica (it answered before its write; a write takes tens of ms, more under load).
 */
export const KEEP_GRACE_MS = 10_000;
const KEEP_POLL_MS = 50;

export interface FeedbackOptions {
  /** FEEDBACK=on. */
  enabled: boolean;
  retentionDays: number;
  /** The clock: injectable so retention can be tested without waiting. */
  now?: () => Date;
  /** The current vector index, for the evaluation; null when matching is off. */
  index: () => CatalogueIndex | null;
  /** Where a failed write of a kept match is reported. */
  error?: (line: string) => void;
  /** The loaded models' verdict, for the refit from feedback; absent: no refit. */
  vision?: Pick<VisionService, 'verdict' | 'pipeline' | 'models'>;
}

/** The kept photo: what the pipeline decoded, re-encoded (see PHOTO_QUALITY). */
export const encodeKeptPhoto = (photo: RgbImage) => encodeJpeg(photo, PHOTO_QUALITY);

/** What a match leaves to be kept. */
export interface MatchToKeep {
  /** encodeKeptPhoto's JPEG. */
  photo: Buffer;
  /** The studio-look image that was embedded, as a JPEG. */
  cutout: Buffer;
  embedding: Float32Array;
  models: { segmentation: ModelIdentity; embedding: ModelIdentity };
  removeBackground: boolean;
  garmentFound: boolean;
  /** The query view it was embedded with (VisionService.pipeline's queryView). */
  queryView: string;
  matches: KeptHit[];
  /** The verdict matchSnapshot answered, once it answers one. */
  verdict?: string | null;
  /** The item an IN_CATALOGUE verdict named. */
  verdictItemId?: string | null;
}

export class FeedbackService {
  readonly now: () => Date;
  private readonly writer: KeepWriter;

  constructor(
    private readonly store: KeptMatchStore,
    private readonly catalogue: CatalogueService,
    private readonly opts: FeedbackOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
    this.writer = new KeepWriter(opts.error ?? ((line) => console.error(line)));
  }

  get enabled(): boolean {
    return this.opts.enabled;
  }

  get retentionDays(): number {
    return this.opts.retentionDays;
  }

  /** Kept matches created before this are expired. */
  notBefore(): Date {
    return new Date(this.now().getTime() - this.opts.retentionDays * DAY_MS);
  }

  /**
   * The match's id at once; `make` (the encodes) and the INSERT run after the answer (see
   * keep-writer.ts). Null, and nothing stored, when feedback is off.
   */
  async keep(make: () => Promise<MatchToKeep>): Promise<string | null> {
    if (!this.opts.enabled) return null;
    const id = newMatchId();
    const createdAt = this.now();
    await this.writer.start(id, async () => this.insert(id, createdAt, await make()));
    return id;
  }

  /** Settles when the kept matches being written have been (shutdown, before the database closes). */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  private insert(id: string, createdAt: Date, match: MatchToKeep): Promise<void> {
    return this.store.insert({
      id,
      createdAt,
      photo: match.photo,
      cutout: match.cutout,
      embedding: match.embedding,
      embeddingModel: match.models.embedding,
      segmentationModel: match.models.segmentation,
      removeBackground: match.removeBackground,
      garmentFound: match.garmentFound,
      queryView: match.queryView,
      matches: match.matches,
      verdict: match.verdict ?? null,
      verdictItemId: match.verdictItemId ?? null,
    });
  }

  /**
   * This snapshot is the item. With `addAsReference` its cutout becomes the item's last
   * studio image (embedded and indexed like any added image), in the same transaction as
   * the feedback: both are stored or neither.
   */
  async confirm(matchId: string, itemId: string, addAsReference: boolean): Promise<KeptMatch> {
    await this.open(matchId);
    const item = UUID.test(itemId) ? await this.catalogue.get({ id: itemId }) : null;
    if (!item) throw notFound(`no catalogue item with id ${itemId}`, ['itemId']);
    if (item.retiredAt) throw retired(itemId);
    const at = this.now();
    const notBefore = this.notBefore();
    if (!addAsReference) {
      this.refuse(matchId, itemId, await this.store.confirm(matchId, notBefore, itemId, at));
    } else {
      const cutout = await this.store.cutout(matchId);
      if (!cutout) throw gone(matchId);
      const file = new UploadedFile(`kept-match-${matchId}.jpg`, 'image/jpeg', cutout);
      await this.catalogue.addImages(itemId, [file], async (tx, added) => {
        this.refuse(matchId, itemId, await this.store.confirmWithin(tx, matchId, notBefore, { itemId, referenceImageId: added[0].id }, at));
      });
    }
    return this.open(matchId, { feedbackGiven: true });
  }

  /** This snapshot is of no catalogue item: a new one, to catalogue. */
  async markNewItem(matchId: string): Promise<KeptMatch> {
    await this.open(matchId);
    this.refuse(matchId, null, await this.store.markNewItem(matchId, this.notBefore(), this.now()));
    return this.open(matchId, { feedbackGiven: true });
  }

  /** R@1 and R@10 of the confirmed kept matches against the current index, and the verdicts' precision. */
  async evaluate(): Promise<FeedbackEvaluation> {
    const { index, rows, rank, retiredItems } = await this.withFeedback('evaluate');
    return evaluateFeedback(rows, index.model, rank, retiredItems);
  }

  /**
   * The verdict's thresholds fitted on the kept matches with feedback, for the models and
   * query view loaded now, beside the figures of the thresholds in use; writes nothing.
   * confidence null: the level chosen automatically (chooseConfidence, within maxUnsure).
   */
  async calibrate(precision: number, confidence: number | null, maxUnsure = DEFAULT_MAX_UNSURE): Promise<FeedbackCalibration> {
    if (!(precision > 0 && precision < 1)) throw badInput('precision must be between 0 and 1, e.g. 0.95', ['precision']);
    const level = confidence === null ? null : String(confidence);
    if (level !== null && CONFIDENCE_Z[level] === undefined) {
      throw badInput(`confidence must be one of ${Object.keys(CONFIDENCE_Z).join(', ')}, or null to choose it automatically`, ['confidence']);
    }
    if (!(maxUnsure >= 0 && maxUnsure <= 1)) throw badInput('maxUnsure must be between 0 and 1, e.g. 0.25', ['maxUnsure']);
    const { index, rows, rank, retiredItems } = await this.withFeedback('calibrate with');
    const vision = this.opts.vision;
    const calibratedFor = vision?.pipeline;
    const models = vision?.models;
    if (!vision || !calibratedFor || !models) throw serviceUnavailable('matching is unavailable, so there are no models to calibrate');
    const loaded = { embedding: index.model, segmentation: models.segmentation, queryView: calibratedFor.queryView };
    return calibrateFromFeedback(feedbackSamples(rows, loaded, rank, retiredItems), {
      precision,
      confidence: level,
      maxUnsure,
      model: index.model,
      calibratedFor,
      current: vision.verdict,
      retentionDays: this.opts.retentionDays,
      date: this.now(),
    });
  }

  /** The kept matches with feedback, the current index's search over every item not retired, and the retired items they name. */
  private async withFeedback(what: string) {
    this.requireOn();
    const index = this.opts.index();
    if (!index) throw serviceUnavailable(`matching is unavailable, so there is no index to ${what}`);
    const rows = await this.store.withFeedback(this.notBefore());
    const confirmedItems = [...new Set(rows.flatMap((r) => (r.itemId ? [r.itemId] : [])))];
    const retiredItems = new Set((await this.catalogue.findItems(confirmedItems)).filter((i) => i.retiredAt).map((i) => i.id));
    // The verdict's own search (match-service.ts): in stock or not, any category.
    const rank: RankItems = (vector, excludeImageId) =>
      index.search(vector, { k: 10, includeOutOfStock: true, excludeImageId: excludeImageId ?? undefined });
    return { index, rows, rank, retiredItems };
  }

  page(after: { createdAt: Date; id: string } | null, take: number, withoutFeedback: boolean): Promise<KeptMatchExport[]> {
    this.requireOn();
    return this.store.page(this.notBefore(), after, take, withoutFeedback);
  }

  /** Deletes expired kept matches (each process does, on a timer; see the store). */
  purgeExpired(): Promise<number> {
    return this.store.purge(this.notBefore());
  }

  /** The kept match, not expired; without feedback unless `feedbackGiven`. */
  private async open(matchId: string, opts: { feedbackGiven?: boolean } = {}): Promise<KeptMatch> {
    this.requireOn();
    const kept = UUID.test(matchId) ? await this.find(matchId) : null;
    if (!kept) throw gone(matchId);
    if (kept.feedback && !opts.feedbackGiven) throw taken(kept);
    return kept;
  }

  /**
   * The kept match, once its write has settled: this process's own write in flight is
   * awaited; a match made moments ago on another replica is looked for again until
   * KEEP_GRACE_MS after its id was made. Unknown and old ids answer at once.
   */
  private async find(matchId: string): Promise<KeptMatch | null> {
    const made = (await this.writer.settled(matchId)) ? null : matchIdTime(matchId);
    for (;;) {
      const kept = await this.store.find(matchId, this.notBefore());
      if (kept || made === null || Date.now() - made > KEEP_GRACE_MS || made - Date.now() > KEEP_GRACE_MS) return kept;
      await sleep(KEEP_POLL_MS);
    }
  }

  private requireOn(): void {
    if (!this.opts.enabled) throw serviceUnavailable('feedback is off (FEEDBACK=off): matches are not kept');
  }

  /** Turns the store's refusal (seen under the rows' locks) into the error; throwing rolls back. */
  private refuse(matchId: string, itemId: string | null, refusal: FeedbackRefusal | null): void {
    if (refusal === null) return;
    if (refusal === 'gone') throw gone(matchId);
    if (refusal === 'item-gone') throw notFound(`no catalogue item with id ${itemId}`, ['itemId']);
    if (refusal === 'item-retired') throw retired(itemId!);
    throw conflict(`match ${matchId} already has feedback; feedback is given once per match`, ['matchId']);
  }
}

const gone = (matchId: string) =>
  notFound(`no kept match with id ${matchId}: unknown, or older than the feedback retention (FEEDBACK_RETENTION_DAYS)`, ['matchId']);

const retired = (itemId: string) =>
  badInput(`catalogue item ${itemId} is retired; restore it (catalogueItemRestore) before confirming a match as it`, ['itemId']);

function taken(kept: KeptMatch): Error {
  const what = kept.feedback === 'confirmed' ? `confirmed as item ${kept.itemId}` : 'marked as a new item';
  return conflict(`match ${kept.id} already has feedback (${what} at ${kept.feedbackAt?.toISOString()}); feedback is given once per match`, ['matchId']);
}
