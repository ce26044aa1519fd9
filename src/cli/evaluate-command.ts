// `catalogue-search evaluate`: the server's feedbackEvaluation (admin), as a short report
// or JSON: R@1 and R@10 of the confirmed kept matches against the current index, and the
// verdicts' precision once matchSnapshot answers verdicts.
import { parseCommandLine, type Command } from './command';
import { CONNECTION_HELP, CONNECTION_OPTIONS, resolveConnection } from './connection';
import { UsageError } from './errors';
import { asCliError, GraphQLClient } from './graphql-client';

export const FEEDBACK_EVALUATION = `query FeedbackEvaluation {
  feedbackEvaluation {
    embeddingModel { name version }
    confirmed evaluated skippedOtherModel skippedRetired
    recallAt1 recallAt10 answeredRecallAt1 newItems
    verdicts { inCatalogue { given correct precision } newItem { given correct precision } unsure }
  }
}`;

interface Score {
  given: number;
  correct: number;
  precision: number | null;
}

export interface EvaluationAnswer {
  embeddingModel: { name: string; version: string };
  confirmed: number;
  evaluated: number;
  skippedOtherModel: number;
  skippedRetired: number;
  recallAt1: number | null;
  recallAt10: number | null;
  answeredRecallAt1: number | null;
  newItems: number;
  verdicts: { inCatalogue: Score; newItem: Score; unsure: number } | null;
}

export const evaluateCommand: Command = {
  summary: 'R@1, R@10 and verdict precision on the matches the warehouse confirmed (admin)',
  help: `Usage: catalogue-search evaluate [options]

Searches the current index again with the query vectors of the kept matches the warehouse
confirmed (matchConfirm), within FEEDBACK_RETENTION_DAYS, and prints how often the confirmed
item comes first (R@1) and among the first 10 (R@10); with verdicts stored, how often
IN_CATALOGUE and NEW_ITEM were right. Matches made with another embedding model are
skipped (their vectors do not compare). A match's own reference image is left out.

Options:
  --json           print the server's answer as JSON
${CONNECTION_HELP}

Needs an admin key.`,

  async run(args, io) {
    const { values, positionals } = parseCommandLine(args, { ...CONNECTION_OPTIONS, json: { type: 'boolean' } });
    if (positionals.length) throw new UsageError('evaluate takes no files');
    const client = new GraphQLClient(resolveConnection(values as { url?: string; key?: string }, io.env));
    let answer: EvaluationAnswer;
    try {
      answer = (await client.request<{ feedbackEvaluation: EvaluationAnswer }>(FEEDBACK_EVALUATION)).feedbackEvaluation;
    } catch (error) {
      throw asCliError(error);
    }
    io.stdout.write(values.json ? `${JSON.stringify(answer, null, 2)}\n` : formatEvaluation(answer));
    return 0;
  },
};

const share = (x: number | null) => (x === null ? '-' : x.toFixed(3));
const score = (name: string, s: Score) => `  ${name.padEnd(12)} ${share(s.precision)}  (${s.correct} of ${s.given} right)`;

export function formatEvaluation(a: EvaluationAnswer): string {
  const skipped = a.skippedOtherModel + a.skippedRetired;
  const lines = [
    `embedding model ${a.embeddingModel.name}@${a.embeddingModel.version}`,
    `confirmed matches: ${a.confirmed}, evaluated ${a.evaluated}` +
      (skipped ? ` (skipped: ${a.skippedOtherModel} of another embedding model, ${a.skippedRetired} of retired items)` : ''),
    `R@1   ${share(a.recallAt1)}`,
    `R@10  ${share(a.recallAt10)}`,
    `R@1 as answered at the time  ${share(a.answeredRecallAt1)}`,
    `marked as new items: ${a.newItems}`,
  ];
  if (a.verdicts) {
    lines.push('verdict precision:', score('IN_CATALOGUE', a.verdicts.inCatalogue), score('NEW_ITEM', a.verdicts.newItem), `  UNSURE       ${a.verdicts.unsure}`);
  } else {
    lines.push('verdict precision: no verdicts stored yet');
  }
  return `${lines.join('\n')}\n`;
}
