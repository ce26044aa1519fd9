// Fits the verdict's thresholds (src/matching/verdict.ts) to labelled queries: the
// IN_CATALOGUE and NEW_ITEM regions that answer the most queries while each keeps the asked
// precision on these queries; the rest is UNSURE. Thresholds sit halfway between observed
// values, so a threshold is never exactly a sample's score. bench/calibrate.ts runs it.
// "Keeps the precision" can ask for confidence: a region fitted to exactly 0.95 on a hundred
// answers is below 0.95 on the next split about half the time, so the fit may require the
// lower end of the precision's Wilson interval, not the observed share, to reach the target.
import { decideVerdict, type VerdictThresholds } from './verdict';

export interface VerdictSample {
  /** The best and second-best distinct items' scores over the catalogue (second null: one item). */
  best: number;
  second: number | null;
  /** Whether the query's item is in the catalogue, and whether the best item is it. */
  known: boolean;
  correct: boolean;
}

export interface VerdictFigures {
  queries: number;
  inCatalogue: number;
  newItem: number;
  unsure: number;
  /** Of the IN_CATALOGUE answers, the share whose best item is the right one (NaN: none). */
  inCataloguePrecision: number;
  /** Of the NEW_ITEM answers, the share whose item is really absent (NaN: none). */
  newItemPrecision: number;
  unsureShare: number;
}

export function verdictFigures(samples: VerdictSample[], thresholds: VerdictThresholds | null): VerdictFigures {
  let inCatalogue = 0, inRight = 0, newItem = 0, newRight = 0;
  for (const s of samples) {
    const v = decideVerdict(s.second === null ? [s.best] : [s.best, s.second], thresholds);
    if (v === 'IN_CATALOGUE') (inCatalogue++, s.correct && inRight++);
    else if (v === 'NEW_ITEM') (newItem++, !s.known && newRight++);
  }
  const unsure = samples.length - inCatalogue - newItem;
  return {
    queries: samples.length, inCatalogue, newItem, unsure,
    inCataloguePrecision: inCatalogue ? inRight / inCatalogue : NaN,
    newItemPrecision: newItem ? newRight / newItem : NaN,
    unsureShare: samples.length ? unsure / samples.length : NaN,
  };
}

/** One-sided z for the confidence levels the fit accepts (0: the observed share itself). */
export const CONFIDENCE_Z: Record<string, number> = { '0': 0, '0.8': 0.8416, '0.9': 1.2816, '0.95': 1.6449 };

/** Lower end of the Wilson score interval for `right` of `n` at one-sided `z`. */
export function wilsonLower(right: number, n: number, z: number): number {
  if (n === 0) return 0;
  const p = right / n;
  const z2 = z * z;
  return (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
}

/**
 * Thresholds answering the most queries with both precisions at least `precision` on `samples`,
 * or, with `z` > 0, with the lower end of each precision's one-sided Wilson interval at least it.
 */
export function fitVerdict(samples: VerdictSample[], precision: number, z = 0): VerdictThresholds {
  const precise = (right: number, answered: number) => answered > 0 && wilsonLower(right, answered, z) >= precision;
  const margin = (s: VerdictSample) => s.best - (s.second ?? 0);
  const bests = cuts(samples.map((s) => s.best));
  const margins = [0, ...cuts(samples.map(margin))];

  // NEW_ITEM: best < maxScore. For each cut, how many it answers while precise enough, and
  // the cut at or below it that answers most (NEW_ITEM must stay below IN_CATALOGUE's cut).
  const newAnswered = bests.map((maxScore) => {
    const answered = samples.filter((s) => s.best < maxScore);
    const right = answered.filter((s) => !s.known).length;
    return precise(right, answered.length) ? answered.length : 0;
  });
  const bestNewUpTo: number[] = [];
  newAnswered.forEach((n, i) => bestNewUpTo.push(i > 0 && newAnswered[bestNewUpTo[i - 1]] >= n ? bestNewUpTo[i - 1] : i));
  const newItemUpTo = (k: number) => (k >= 0 && newAnswered[bestNewUpTo[k]] > 0 ? { maxScore: bests[bestNewUpTo[k]], answered: newAnswered[bestNewUpTo[k]] } : null);

  const never = newItemUpTo(bests.length - 1);
  let best = { thresholds: { inCatalogue: null, newItem: never && { maxScore: never.maxScore } } as VerdictThresholds, answered: never?.answered ?? 0 };
  bests.forEach((minScore, k) => {
    for (const minMargin of margins) {
      const answered = samples.filter((s) => s.best >= minScore && margin(s) >= minMargin);
      const right = answered.filter((s) => s.correct).length;
      if (!precise(right, answered.length)) continue;
      const newItem = newItemUpTo(k);
      const total = answered.length + (newItem?.answered ?? 0);
      if (total > best.answered) best = { thresholds: { inCatalogue: { minScore, minMargin }, newItem: newItem && { maxScore: newItem.maxScore } }, answered: total };
    }
  });
  return best.thresholds;
}

/** The largest UNSURE share on the fit's own data that the automatic confidence choice accepts. */
export const DEFAULT_MAX_UNSURE = 0.25;

/** CONFIDENCE_Z's levels, strictest first: the point fit ('0') last. */
export const CONFIDENCE_LEVELS: readonly string[] = Object.keys(CONFIDENCE_Z).sort((a, b) => CONFIDENCE_Z[b] - CONFIDENCE_Z[a]);

/** A fit at one confidence level (one of CONFIDENCE_Z's keys), with its figures on the data fitted on. */
export interface LevelFit {
  level: string;
  z: number;
  thresholds: VerdictThresholds;
  figures: VerdictFigures;
}

export interface ConfidenceChoice {
  /** The level chosen and its fit (one of `tried`). */
  chosen: LevelFit;
  /** False when no level kept the UNSURE share within maxUnsure, so the point fit was taken anyway. */
  withinMaxUnsure: boolean;
  /** The fit at every level, strictest first, chosen included. */
  tried: LevelFit[];
}

/**
 * The confidence level chosen automatically: a strict level on a few hundred answers can
 * leave most queries UNSURE, which no warehouse can use, so fit at every level of
 * CONFIDENCE_LEVELS (strictest first) and take the strictest whose UNSURE share on
 * `samples` stays <= `maxUnsure`; when none does, the last (the point fit), which answers
 * most. Judged on the data fitted on only (bench/calibrate.ts: the fit split).
 */
export function chooseConfidence(samples: VerdictSample[], precision: number, maxUnsure = DEFAULT_MAX_UNSURE): ConfidenceChoice {
  const tried = CONFIDENCE_LEVELS.map((level): LevelFit => {
    const z = CONFIDENCE_Z[level];
    const thresholds = fitVerdict(samples, precision, z);
    return { level, z, thresholds, figures: verdictFigures(samples, thresholds) };
  });
  const acceptable = tried.find((f) => f.figures.unsureShare <= maxUnsure);
  return { chosen: acceptable ?? tried[tried.length - 1], withinMaxUnsure: acceptable !== undefined, tried };
}

/** Midpoints between consecutive distinct values, ascending, plus one below and one above all. */
function cuts(values: number[]): number[] {
  const v = [...new Set(values)].sort((a, b) => a - b);
  if (v.length === 0) return [];
  const mid = v.slice(1).map((x, i) => (v[i] + x) / 2);
  return [v[0] - 1e-6, ...mid, v[v.length - 1] + 1e-6];
}

/** The rule the thresholds feed, for a calibration's `method` (the manifest is read by people too). */
export const VERDICT_RULE =
  "IN_CATALOGUE when the best item's score >= minScore and leads the second item by >= minMargin, NEW_ITEM when the best score < maxScore, else UNSURE";

/** What the fit held to the target, in words (`confidence` as passed, e.g. "0.9"). */
export function confidenceText(confidence: string): string {
  return CONFIDENCE_Z[confidence] > 0 ? `the lower end of a one-sided ${confidence} Wilson interval of each precision` : 'each observed precision';
}

/** Figures to three decimals for a manifest; NaN (no answers) as null, which JSON can hold. */
export function roundedFigures(f: VerdictFigures): Record<string, number | null> {
  return Object.fromEntries(Object.entries(f).map(([k, v]) => [k, Number.isFinite(v) ? Math.round(v * 1000) / 1000 : null]));
}
