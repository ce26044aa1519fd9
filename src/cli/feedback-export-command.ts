// `catalogue-search feedback-export --out DIR`: every kept match with feedback (or every
// kept match) as JSON lines plus its photo and cutout as JPEG files, for training. The
// format is docs/feedback-export.md.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { intOption, parseCommandLine, type Command } from './command';
import { CONNECTION_HELP, CONNECTION_OPTIONS, resolveConnection } from './connection';
import { CliError, UsageError } from './errors';
import { authHint, GraphQLCallError, GraphQLClient } from './graphql-client';

export const KEPT_MATCH_EXPORT = `query KeptMatchExport($first: Int, $after: String, $all: Boolean) {
  keptMatchExport(first: $first, after: $after, includeWithoutFeedback: $all) {
    records {
      keptMatch {
        id createdAt expiresAt feedback feedbackAt verdict removeBackground garmentFound
        models { segmentation embedding }
        item { id sku name category }
        referenceImage { id }
        matches { itemId imageId score }
      }
      photo cutout embedding queryView
    }
    endCursor hasNextPage
  }
}`;

interface ExportRecord {
  keptMatch: { id: string; referenceImage: { id: string } | null } & Record<string, unknown>;
  photo: string;
  cutout: string;
  embedding: number[];
  queryView: string | null;
}

interface ExportPage {
  records: ExportRecord[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export const FILE = 'kept-matches.jsonl';

export const feedbackExportCommand: Command = {
  summary: 'write the kept matches with feedback (photos, vectors, answers) to a folder, for training (admin)',
  help: `Usage: catalogue-search feedback-export --out DIR [options]

Writes DIR/${FILE} (one JSON object a line, oldest first) with each kept match's
photo in DIR/photos/<id>.jpg and the image that was embedded in DIR/cutouts/<id>.jpg.
The format is docs/feedback-export.md. Kept matches expire after FEEDBACK_RETENTION_DAYS:
export before then what you want to keep. Files of an earlier export are replaced.

Options:
  --out DIR        the folder (created if missing)
  --all            also kept matches nobody gave feedback on
  --page N         records per request, 1 to 50 (default 20)
${CONNECTION_HELP}

Needs an admin key.`,

  async run(args, io) {
    const { values, positionals } = parseCommandLine(args, { ...CONNECTION_OPTIONS, out: { type: 'string' }, all: { type: 'boolean' }, page: { type: 'string' } });
    if (positionals.length) throw new UsageError('feedback-export takes no files; give the folder with --out');
    const out = values.out as string | undefined;
    if (!out) throw new UsageError('give the folder to write with --out DIR');
    const first = intOption('page', values.page as string | undefined, 20, 1, 50);
    const client = new GraphQLClient(resolveConnection(values as { url?: string; key?: string }, io.env));
    await mkdir(path.join(out, 'photos'), { recursive: true });
    await mkdir(path.join(out, 'cutouts'), { recursive: true });
    const lines: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: ExportPage = await fetchPage(client, { first, after, all: values.all ?? false });
      for (const record of page.records) lines.push(JSON.stringify(await writeRecord(out, record)));
      if (!page.hasNextPage || !page.endCursor) break;
      after = page.endCursor;
    }
    // Whole or not at all: a reader never sees half a file.
    const file = path.join(out, FILE);
    await writeFile(`${file}.tmp`, lines.map((l) => `${l}\n`).join(''));
    await rename(`${file}.tmp`, file);
    io.stdout.write(`${lines.length} kept match(es) written to ${file}\n`);
    return 0;
  },
};

async function fetchPage(client: GraphQLClient, variables: Record<string, unknown>): Promise<ExportPage> {
  try {
    return (await client.request<{ keptMatchExport: ExportPage }>(KEPT_MATCH_EXPORT, variables)).keptMatchExport;
  } catch (error) {
    if (error instanceof GraphQLCallError) throw new CliError(`${error.code}: ${error.isAuth ? authHint(error) : error.message}`);
    throw error;
  }
}

/** Writes the two JPEGs and answers the JSON line, with their paths relative to the folder. */
async function writeRecord(out: string, record: ExportRecord): Promise<Record<string, unknown>> {
  const { id, referenceImage, ...rest } = record.keptMatch;
  const photo = `photos/${id}.jpg`;
  const cutout = `cutouts/${id}.jpg`;
  await writeFile(path.join(out, photo), fromDataUrl(record.photo));
  await writeFile(path.join(out, cutout), fromDataUrl(record.cutout));
  return { id, ...rest, queryView: record.queryView, referenceImageId: referenceImage?.id ?? null, embedding: record.embedding, photo, cutout };
}

function fromDataUrl(url: string): Buffer {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:image/jpeg;base64,') || comma < 0) throw new CliError('the server sent a photo that is not a JPEG data URL');
  return Buffer.from(url.slice(comma + 1), 'base64');
}
