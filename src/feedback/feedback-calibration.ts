// The verdict's thresholds refitted on the retailer's own photos: the kept matches the
// warehouse gave feedback on become labelled queries for the same fit as the benchmark's
// (src/matching/verdict-fit.ts). A match confirmed as item X is a known item, answered right
// when X is the best item now; one marked as a new item is not known. Their stored query
// vectors are searched again in the current index, as the evaluation does. Pure: the search
// and the item states come in, as for evaluateFeedback. The confidence, unless asked for,
// is chosen as `npm run calibrate` chooses it (chooseConfidence): on a few dozen answers a
// fixed 0.9 would mostly fit "NEW_ITEM never".
import type { KeptVector } from '../db/kept-match-store';
import type { CalibratedFor, VerdictThresholds } from '../matching/verdict';
import {
  chooseConfidence,
  CONFIDENCE_LEVELS,
  CONFIDENCE_Z,
  confidenceText,
  fitVerdict,
  roundedFigures,
  VERDICT_RULE,
  verdictFigures,
  type VerdictFigures,
  type VerdictSample,
} from '../matching/verdict-fit';
import type { ModelIdentity } from '../model-identity';
import type { VerdictCalibration } from '../vision/manifest';
import { confirmedRetired, rankKept, sameModel, type RankItems } from './evaluation';

/**
 * The fewest known and the fewest new-item answers a fit takes. Below about 30 a side, one
 * wrong answer moves its observed precision by over 3 points, so 0.95 cannot be told from
 * 0.92. At confidence 0.9 a side needs 32 answers, all right, before its Wilson lower bound
 * reaches 0.95 (n / (n + z^2) >= 0.95 with z = 1.28), so fewer could only fit "never answer"
 * there anyway; the floor is what stops a point fit (--confidence 0, or the automatic choice
 * falling back to it) from writing thresholds drawn from a handful of photos.
 */
export const MIN_ANSWERS = 30;

/** The kept matches with feedback as labelled queries, and those left out with why. */
export interface FeedbackSamples {
  samples: VerdictSample[];
  /** Confirmed as an item, searched again. */
  known: number;
  /** Marked as a new item, searched again. */
  newItems: number;
  /** Made with another embedding or segmentation model: their scores mean something else. */
  skippedOtherModels: number;
  /**
   * Embedded with another query view (QUERY_VIEW), or kept before the view was recorded
   * (unknown): the thresholds are for the loaded view's vectors.
   */
  skippedOtherQueryView: number;
  /** Matched with removeBackground false: the verdict holds for the cut-out garment only. */
  skippedWholePhoto: number;
  /** Confirmed as an item retired since (matches leave retired items out). */
  skippedRetired: number;
}

/**
 * Each row is left out for the first of these that holds, and counted there: made with
 * other models, then embedded with another query view (or one not recorded), then matched
 * without background removal, then confirmed as an item retired since. `loaded.queryView`
 * is describeQueryView's text, as in the loaded calibratedFor.
 */
export function feedbackSamples(
  rows: KeptVector[],
  loaded: { embedding: ModelIdentity; segmentation: ModelIdentity; queryView: string },
  rank: RankItems,
  retiredItems: Set<string>,
): FeedbackSamples {
  const out: FeedbackSamples = { samples: [], known: 0, newItems: 0, skippedOtherModels: 0, skippedOtherQueryView: 0, skippedWholePhoto: 0, skippedRetired: 0 };
  const sameSegmentation = (r: KeptVector) => r.segmentationModel.name === loaded.segmentation.name && r.segmentationModel.version === loaded.segmentation.version;
  for (const r of rows) {
    if (!sameModel(r, loaded.embedding) || !sameSegmentation(r)) out.skippedOtherModels++;
    // Null (kept before the view was recorded) is never the loaded view.
    else if (r.queryView !== loaded.queryView) out.skippedOtherQueryView++;
    else if (!r.removeBackground) out.skippedWholePhoto++;
    else if (confirmedRetired(r, retiredItems)) out.skippedRetired++;
    else {
      const [best, second] = rankKept(rank, r);
      // An empty catalogue answers NEW_ITEM whatever the thresholds: nothing to learn from.
      if (!best) continue;
      const known = r.feedback === 'confirmed';
      out.samples.push({ best: best.score, second: second?.score ?? null, known, correct: known && best.itemId === r.itemId });
      if (known) out.known++;
      else out.newItems++;
    }
  }
  return out;
}

export interface CalibrationRequest {
  precision: number;
  /** One of CONFIDENCE_Z's keys, as text; null: chosen automatically (chooseConfidence). */
  confidence: string | null;
  /** With confidence null, the largest UNSURE share on the feedback to accept. */
  maxUnsure: number;
  model: ModelIdentity & { dim: number };
  /** The models and query view loaded now: the fit is for them. */
  calibratedFor: CalibratedFor;
  /** The thresholds the server uses now (null: none apply, and why). */
  current: { thresholds: VerdictThresholds | null; problem: string | null };
  retentionDays: number;
  date: Date;
}

export interface FeedbackCalibration extends Omit<FeedbackSamples, 'samples'> {
  model: ModelIdentity & { dim: number };
  calibratedFor: CalibratedFor;
  precision: number;
  /** The level fitted at; null when it was to be chosen automatically and nothing was fitted. */
  confidence: number | null;
  /** Whether the level was chosen automatically. */
  confidenceAuto: boolean;
  maxUnsure: number;
  minimumAnswers: number;
  current: { thresholds: VerdictThresholds | null; problem: string | null; figures: VerdictFigures };
  /** Null when the feedback is too thin to fit (then `notFitted` says why). */
  fitted: { thresholds: VerdictThresholds; figures: VerdictFigures } | null;
  notFitted: string | null;
  /** The embedding manifest's `calibration` section for these thresholds; null when not fitted. */
  calibration: VerdictCalibration | null;
}

export function calibrateFromFeedback(data: FeedbackSamples, req: CalibrationRequest): FeedbackCalibration {
  const { samples, ...counts } = data;
  const auto = req.confidence === null;
  if (!auto && CONFIDENCE_Z[req.confidence!] === undefined) throw new Error(`confidence ${req.confidence} is not one of ${Object.keys(CONFIDENCE_Z).join(', ')}`);
  const base = {
    ...counts,
    model: req.model,
    calibratedFor: req.calibratedFor,
    precision: req.precision,
    confidence: auto ? null : Number(req.confidence),
    confidenceAuto: auto,
    maxUnsure: req.maxUnsure,
    minimumAnswers: MIN_ANSWERS,
    current: { ...req.current, figures: verdictFigures(samples, req.current.thresholds) },
  };
  if (data.known < MIN_ANSWERS || data.newItems < MIN_ANSWERS) {
    const notFitted =
      `too little feedback to fit: ${data.known} confirmed and ${data.newItems} new-item answers usable, at least ${MIN_ANSWERS} of each needed ` +
      '(confirm matches with matchConfirm and mark new items with matchMarkNewItem, then ask again)';
    return { ...base, fitted: null, notFitted, calibration: null };
  }
  const { level, thresholds } = auto
    ? chooseConfidence(samples, req.precision, req.maxUnsure).chosen
    : { level: req.confidence!, thresholds: fitVerdict(samples, req.precision, CONFIDENCE_Z[req.confidence!]) };
  const z = CONFIDENCE_Z[level];
  const figures = verdictFigures(samples, thresholds);
  const chosenHow = auto ? ` (confidence chosen automatically: the strictest of ${CONFIDENCE_LEVELS.join(', ')} whose UNSURE share on them is <= ${req.maxUnsure})` : '';
  const calibration: VerdictCalibration = {
    method:
      `feedback: the warehouse's answers on kept matches (matchConfirm: a known item, right when it is the best item now; matchMarkNewItem: a new item), ` +
      `their stored query vectors searched again in the current index, each match's own reference image left out; ${VERDICT_RULE}; ` +
      `the thresholds answering the most of them with ${confidenceText(level)}${chosenHow} >= the target (src/matching/verdict-fit.ts)`,
    calibratedFor: req.calibratedFor,
    thresholds,
    targetPrecision: req.precision,
    confidence: z > 0 ? Number(level) : null,
    data:
      `feedback within the last ${req.retentionDays} days: ${data.known} confirmed and ${data.newItems} new-item answers ` +
      `(left out: ${data.skippedOtherModels} of other models, ${data.skippedOtherQueryView} of another query view or none recorded, ` +
      `${data.skippedWholePhoto} without background removal, ${data.skippedRetired} of retired items)`,
    feedback: {
      confirmed: data.known,
      newItems: data.newItems,
      skippedOtherModels: data.skippedOtherModels,
      skippedOtherQueryView: data.skippedOtherQueryView,
      skippedWholePhoto: data.skippedWholePhoto,
      skippedRetired: data.skippedRetired,
    },
    figures: { fit: roundedFigures(figures) },
    command: `feedbackCalibration(precision: ${req.precision}, ${auto ? `maxUnsure: ${req.maxUnsure}` : `confidence: ${level}`}) (catalogue-search calibrate-from-feedback)`,
    date: req.date.toISOString(),
  };
  return { ...base, confidence: Number(level), fitted: { thresholds, figures }, notFitted: null, calibration };
}
