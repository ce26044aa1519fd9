// `catalogue-search calibrate-from-feedback`: the server's feedbackCalibration (admin):
// the verdict's thresholds refitted on the warehouse's feedback, printed beside the current
// thresholds' figures on the same feedback; --write puts them into an embedding manifest,
// which the server reads at its next start.
import { CONFIDENCE_LEVELS, CONFIDENCE_Z, DEFAULT_MAX_UNSURE } from '../matching/verdict-fit';
import type { CalibratedFor, VerdictThresholds } from '../matching/verdict';
import { ManifestError, type VerdictCalibration } from '../vision/manifest';
import { writeCalibration } from '../vision/write-calibration';
import { parseCommandLine, type Command } from './command';
import { CONNECTION_HELP, CONNECTION_OPTIONS, resolveConnection } from './connection';
import { CliError, UsageError } from './errors';
import { asCliError, GraphQLClient } from './graphql-client';
import { formatTable } from './table';

const THRESHOLDS = 'inCatalogue { minScore minMargin } newItem { maxScore }';
const FIGURES = 'queries inCatalogue newItem unsure inCataloguePrecision newItemPrecision unsureShare';

export const FEEDBACK_CALIBRATION = `query FeedbackCalibration($precision: Float, $confidence: Float, $maxUnsure: Float) {
  feedbackCalibration(precision: $precision, confidence: $confidence, maxUnsure: $maxUnsure) {
    embeddingModel { name version }
    calibratedFor { embedding segmentation queryView }
    precision confidence confidenceAuto maxUnsure known newItems skippedOtherModels skippedOtherQueryView skippedWholePhoto skippedRetired minimumAnswers
    current { thresholds { ${THRESHOLDS} } problem figures { ${FIGURES} } }
    fitted { thresholds { ${THRESHOLDS} } figures { ${FIGURES} } }
    notFitted
    calibration
  }
}`;

interface Figures {
  queries: number;
  inCatalogue: number;
  newItem: number;
  unsure: number;
  inCataloguePrecision: number | null;
  newItemPrecision: number | null;
  unsureShare: number | null;
}

export interface CalibrationAnswer {
  embeddingModel: { name: string; version: string };
  calibratedFor: CalibratedFor;
  precision: number;
  /** Null: to be chosen automatically, and nothing was fitted. */
  confidence: number | null;
  confidenceAuto: boolean;
  maxUnsure: number;
  known: number;
  newItems: number;
  skippedOtherModels: number;
  skippedOtherQueryView: number;
  skippedWholePhoto: number;
  skippedRetired: number;
  minimumAnswers: number;
  current: { thresholds: VerdictThresholds | null; problem: string | null; figures: Figures };
  fitted: { thresholds: VerdictThresholds; figures: Figures } | null;
  notFitted: string | null;
  calibration: VerdictCalibration | null;
}

export const calibrateFromFeedbackCommand: Command = {
  summary: "refit the verdict's thresholds on the warehouse's feedback; --write puts them into a manifest (admin)",
  help: `Usage: catalogue-search calibrate-from-feedback [options]

Fits the verdict's thresholds (IN_CATALOGUE / NEW_ITEM / UNSURE) on the kept matches the
warehouse gave feedback on, within FEEDBACK_RETENTION_DAYS: a match confirmed as an item is
a known item (answered right when that item is the best one now), one marked as a new item
is not. Their stored query vectors are searched again in the server's current index. Prints
the fitted thresholds and, beside them, how the thresholds in use now answer the same
feedback. Matches made with other models, with another query view (or none recorded) or
without background removal, and those confirmed as items retired since, are left out and
counted. Refuses (exit 1) with fewer than 30 confirmed or 30 new-item answers.

Options:
  --precision P    the precision each definite answer is held to (default 0.95)
  --confidence C   auto (the default), or ${Object.keys(CONFIDENCE_Z).join(', ')}: the one-sided Wilson lower bound
                   of each precision must reach P at this level; 0: the observed share.
                   auto: the strictest of ${CONFIDENCE_LEVELS.join(', ')} whose UNSURE share on the feedback
                   stays within --max-unsure (as npm run calibrate chooses it)
  --max-unsure U   with --confidence auto, the largest UNSURE share to accept (default ${DEFAULT_MAX_UNSURE})
  --write FILE     write the thresholds into this embedding manifest's "calibration" section
                   (the manifest the server loads, e.g. models/embedding.json; it must be
                   of the embedding model the server uses). Restart the server to use them.
  --json           print the server's answer as JSON
${CONNECTION_HELP}

Needs an admin key.`,

  async run(args, io) {
    const { values, positionals } = parseCommandLine(args, {
      ...CONNECTION_OPTIONS,
      precision: { type: 'string', default: '0.95' },
      confidence: { type: 'string', default: 'auto' },
      'max-unsure': { type: 'string', default: String(DEFAULT_MAX_UNSURE) },
      write: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length) throw new UsageError('calibrate-from-feedback takes no files (the manifest goes after --write)');
    const precision = Number(values.precision);
    if (!(precision > 0 && precision < 1)) throw new UsageError(`--precision must be between 0 and 1, not "${values.precision}"`);
    const auto = values.confidence === 'auto';
    if (!auto && CONFIDENCE_Z[values.confidence!] === undefined) {
      throw new UsageError(`--confidence must be auto or one of ${Object.keys(CONFIDENCE_Z).join(', ')}, not "${values.confidence}"`);
    }
    const maxUnsure = Number(values['max-unsure']);
    if (!(maxUnsure >= 0 && maxUnsure <= 1)) throw new UsageError(`--max-unsure must be between 0 and 1, not "${values['max-unsure']}"`);
    const client = new GraphQLClient(resolveConnection(values as { url?: string; key?: string }, io.env));
    let answer: CalibrationAnswer;
    try {
      // confidence null: the server chooses it.
      const variables = { precision, confidence: auto ? null : Number(values.confidence), maxUnsure };
      answer = (await client.request<{ feedbackCalibration: CalibrationAnswer }>(FEEDBACK_CALIBRATION, variables)).feedbackCalibration;
    } catch (error) {
      throw asCliError(error);
    }
    io.stdout.write(values.json ? `${JSON.stringify(answer, null, 2)}\n` : formatCalibration(answer));
    if (!answer.fitted || !answer.calibration) throw new CliError(`${answer.notFitted}${values.write ? `; ${values.write} left as it was` : ''}`);
    if (values.write) {
      try {
        await writeCalibration(values.write, answer.calibration);
      } catch (error) {
        if (error instanceof ManifestError) throw new CliError(`${error.message}; nothing written`);
        throw error;
      }
      if (!values.json) io.stdout.write(`wrote the calibration into ${values.write}; restart the server (every replica) to use it\n`);
    }
    return 0;
  },
};

/** The level fitted at, and how it was chosen. */
function confidenceLine(a: CalibrationAnswer): string {
  const level = (c: number) => (c === 0 ? '0 (observed share)' : String(c));
  if (!a.confidenceAuto) return `confidence ${level(a.confidence!)}`;
  if (a.confidence === null) return `confidence auto (nothing fitted, so none chosen)`;
  const unsure = a.fitted?.figures.unsureShare;
  const within = unsure !== null && unsure !== undefined && unsure <= a.maxUnsure;
  return (
    `confidence ${level(a.confidence)}, chosen automatically: ` +
    (within
      ? `the strictest level whose UNSURE share on this feedback is <= ${a.maxUnsure}`
      : `no level kept the UNSURE share on this feedback <= ${a.maxUnsure}, so the point fit (it answers most)`)
  );
}

const num = (x: number | null, digits: number) => (x === null ? '-' : x.toFixed(digits));

function row(name: string, t: VerdictThresholds | null, f: Figures): string[] {
  return [
    name,
    t ? (t.inCatalogue ? num(t.inCatalogue.minScore, 4) : 'never') : 'none',
    t?.inCatalogue ? num(t.inCatalogue.minMargin, 4) : '-',
    t ? (t.newItem ? num(t.newItem.maxScore, 4) : 'never') : 'none',
    `${num(f.inCataloguePrecision, 3)} (${f.inCatalogue})`,
    `${num(f.newItemPrecision, 3)} (${f.newItem})`,
    `${num(f.unsureShare, 3)} (${f.unsure} of ${f.queries})`,
  ];
}

export function formatCalibration(a: CalibrationAnswer): string {
  const { embedding, segmentation, queryView } = a.calibratedFor;
  const skipped = a.skippedOtherModels + a.skippedOtherQueryView + a.skippedWholePhoto + a.skippedRetired;
  const lines = [
    `for embedding ${embedding}, segmentation ${segmentation}, query view "${queryView}"`,
    `feedback used: ${a.known} confirmed as an item, ${a.newItems} marked as new items (at least ${a.minimumAnswers} of each needed)` +
      (skipped
        ? `; left out: ${a.skippedOtherModels} of other models, ${a.skippedOtherQueryView} of another query view or none recorded, ` +
          `${a.skippedWholePhoto} without background removal, ${a.skippedRetired} confirmed as retired items`
        : ''),
    `target precision ${a.precision}, ${confidenceLine(a)}`,
    '',
  ];
  const rows = [row('current', a.current.thresholds, a.current.figures)];
  if (a.fitted) rows.push(row('fitted', a.fitted.thresholds, a.fitted.figures));
  const header = ['thresholds', 'IN_CATALOGUE if score >=', 'and lead >=', 'NEW_ITEM if score <', 'P(IN) (answers)', 'P(NEW) (answers)', 'UNSURE'];
  lines.push(formatTable(header, rows).trimEnd());
  if (a.current.problem) lines.push(`current: none apply, every verdict is UNSURE (${a.current.problem})`);
  if (a.fitted) lines.push('fitted: figures on the feedback they were fitted on, so optimistic for the next photos');
  return `${lines.join('\n')}\n`;
}
