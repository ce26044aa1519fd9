// The verdict the warehouse acts on: is the photographed garment already in the catalogue?
// From two features of the search over the whole catalogue (the best item's score and its
// lead over the second item) and thresholds fitted (bench/calibrate.ts, or on feedback) for one embedding
// model, one segmentation model and one query view (BENCHMARK.md section 2b). Scores mean
// different things for other models, so thresholds fitted for others are not used.

export type Verdict = 'IN_CATALOGUE' | 'NEW_ITEM' | 'UNSURE';

export interface VerdictThresholds {
  /** IN_CATALOGUE when the best score is at least minScore and leads the second by minMargin; null: never. */
  inCatalogue: { minScore: number; minMargin: number } | null;
  /** NEW_ITEM when the best score is below maxScore; null: never. Never overlaps inCatalogue. */
  newItem: { maxScore: number } | null;
}

/** The pipeline a calibration was fitted for, as name@version and describeQueryView. */
export interface CalibratedFor {
  embedding: string;
  segmentation: string;
  queryView: string;
}

/**
 * `scores`: the best distinct items' scores over the whole catalogue, best first (two are
 * enough). An empty catalogue holds nothing, so its answer is NEW_ITEM; without thresholds
 * everything else is UNSURE.
 */
export function decideVerdict(scores: number[], thresholds: VerdictThresholds | null): Verdict {
  if (scores.length === 0) return 'NEW_ITEM';
  if (!thresholds) return 'UNSURE';
  const [best, second = 0] = scores;
  const { inCatalogue, newItem } = thresholds;
  if (inCatalogue && best >= inCatalogue.minScore && best - second >= inCatalogue.minMargin) return 'IN_CATALOGUE';
  if (newItem && best < newItem.maxScore) return 'NEW_ITEM';
  return 'UNSURE';
}

/** Why a calibration does not apply to the models loaded (null when it does). */
export function calibrationMismatch(fittedFor: CalibratedFor, loaded: CalibratedFor): string | null {
  const differ = (['embedding', 'segmentation', 'queryView'] as const).filter((k) => fittedFor[k] !== loaded[k]);
  if (differ.length === 0) return null;
  return differ.map((k) => `${k} ${fittedFor[k]} (loaded: ${loaded[k]})`).join(', ');
}
