// The retailer's own evaluation set: kept matches the warehouse confirmed. Their stored
// query vectors are searched again against the current index (so a catalogue that learned
// from feedback scores better), and the verdicts answered at the time are checked against
// what the warehouse said. Pure: the search and the item states come in as functions.
import type { ModelIdentity } from '../model-identity';
import type { KeptVector } from '../db/kept-match-store';

/** How often a verdict was right, among kept matches with that verdict and feedback. */
export interface VerdictScore {
  given: number;
  correct: number;
  precision: number | null;
}

export interface FeedbackEvaluation {
  /** The embedding model of the index searched. */
  model: ModelIdentity & { dim: number };
  /** Kept matches confirmed as an item (within the retention). */
  confirmed: number;
  /** Of them, searched again: same embedding model, item not retired. */
  evaluated: number;
  /** Confirmed with another embedding model: their vectors do not compare with this index. */
  skippedOtherModel: number;
  /** Confirmed as an item that is retired now (matches leave retired items out). */
  skippedRetired: number;
  hitsAt1: number;
  hitsAt10: number;
  recallAt1: number | null;
  recallAt10: number | null;
  /** R@1 of the answers as given at the time, over the same matches. */
  answeredRecallAt1: number | null;
  /** Kept matches marked as a new item. */
  newItems: number;
  /** Null until some kept match with feedback has a verdict. */
  verdicts: { inCatalogue: VerdictScore; newItem: VerdictScore; unsure: number } | null;
}

/** Items with their best score, best first, over every item not retired (in stock or not, any category). */
export type RankItems = (vector: Float32Array, excludeImageId: string | null) => { itemId: string; score: number }[];

/** Searches a kept match's stored vector again. */
export function rankKept(rank: RankItems, r: KeptVector): { itemId: string; score: number }[] {
  // Without its own reference image: a snapshot would find itself, which says nothing.
  return rank(r.embedding, r.referenceImageId);
}

/** Made with this embedding model: only then does its vector compare with the index. */
export const sameModel = (r: KeptVector, model: ModelIdentity) => r.embeddingModel.name === model.name && r.embeddingModel.version === model.version;

/** Confirmed as an item that is retired now (matches leave retired items out). */
export const confirmedRetired = (r: KeptVector, retiredItems: Set<string>) => r.feedback === 'confirmed' && r.itemId !== null && retiredItems.has(r.itemId);

const ratio = (n: number, of: number) => (of === 0 ? null : n / of);

export function evaluateFeedback(rows: KeptVector[], model: ModelIdentity & { dim: number }, rank: RankItems, retiredItems: Set<string>): FeedbackEvaluation {
  const confirmed = rows.filter((r) => r.feedback === 'confirmed' && r.itemId);
  const evaluated = confirmed.filter((r) => sameModel(r, model) && !confirmedRetired(r, retiredItems));
  let hitsAt1 = 0;
  let hitsAt10 = 0;
  let answered1 = 0;
  for (const r of evaluated) {
    const ranked = rankKept(rank, r).slice(0, 10).map((hit) => hit.itemId);
    if (ranked[0] === r.itemId) hitsAt1++;
    if (ranked.includes(r.itemId!)) hitsAt10++;
    if (r.matches[0]?.itemId === r.itemId) answered1++;
  }
  return {
    model,
    confirmed: confirmed.length,
    evaluated: evaluated.length,
    skippedOtherModel: confirmed.filter((r) => !sameModel(r, model)).length,
    skippedRetired: confirmed.filter((r) => sameModel(r, model) && confirmedRetired(r, retiredItems)).length,
    hitsAt1,
    hitsAt10,
    recallAt1: ratio(hitsAt1, evaluated.length),
    recallAt10: ratio(hitsAt10, evaluated.length),
    answeredRecallAt1: ratio(answered1, evaluated.length),
    newItems: rows.filter((r) => r.feedback === 'new_item').length,
    verdicts: verdictScores(rows),
  };
}

/**
 * IN_CATALOGUE was right when the match was confirmed as the item the verdict named; NEW_ITEM
 * when it was marked as a new item. UNSURE is counted, not scored.
 */
function verdictScores(rows: KeptVector[]): FeedbackEvaluation['verdicts'] {
  const judged = rows.filter((r) => r.verdict !== null && r.feedback !== null);
  if (judged.length === 0) return null;
  const score = (verdict: string, right: (r: KeptVector) => boolean): VerdictScore => {
    const given = judged.filter((r) => r.verdict === verdict);
    const correct = given.filter(right).length;
    return { given: given.length, correct, precision: ratio(correct, given.length) };
  };
  return {
    inCatalogue: score('IN_CATALOGUE', (r) => r.feedback === 'confirmed' && (r.verdictItemId ?? r.matches[0]?.itemId) === r.itemId),
    newItem: score('NEW_ITEM', (r) => r.feedback === 'new_item'),
    unsure: judged.filter((r) => r.verdict === 'UNSURE').length,
  };
}
