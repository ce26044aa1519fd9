// `catalogue-search import <file.csv>`: the catalogue CSV into a running server, or with
// --dry-run every row and image checked here and nothing sent.
import path from 'node:path';
import { readCatalogueCsv, type BadRow, type CatalogueRow, type ItemRow } from '../catalogue/catalogue-csv';
import { CsvError } from '../catalogue/csv';
import { importItems } from './catalogue-import';
import { intOption, parseCommandLine, type Command, type Io } from './command';
import { CONNECTION_HELP, CONNECTION_OPTIONS, resolveConnection } from './connection';
import { readCsvFile } from './csv-file';
import { CliError, UsageError } from './errors';
import { authHint, GraphQLCallError, GraphQLClient } from './graphql-client';
import { checkRows, serverDefaultLimits } from './import-check';
import { Progress } from './progress';

const OPTIONS = { ...CONNECTION_OPTIONS, concurrency: { type: 'string' }, 'dry-run': { type: 'boolean' } } as const;

export const importCommand: Command = {
  summary: 'add the items of a CSV, with their studio images, to the catalogue',
  help: `Usage: catalogue-search import <file.csv> [options]

Adds each row as a catalogue item with its studio images (catalogueItemCreate). SKUs already
in the catalogue are skipped, so an interrupted import can simply be run again.

The CSV as a spreadsheet saves it: UTF-8 (a byte-order mark is fine), separated by commas,
semicolons or tabs (found from the header line), fields quoted when they hold a separator,
a quote or a line break. Columns, in any order and case: sku, name, category, quantity,
image (a path relative to the CSV; several separated by "|"). Any other column becomes an
attribute (colour, brand, size, ...). Problems are reported by the line they start on.

Options:
  --dry-run        check every row and read every image as the server would, send nothing
  --concurrency N  items uploaded at once (default 2)
${CONNECTION_HELP}

Needs a merchandiser or admin key (not for --dry-run). Exit code 1 when any row failed.`,

  async run(args, io) {
    const { values, positionals } = parseCommandLine(args, OPTIONS);
    if (positionals.length !== 1) throw new UsageError('give exactly one CSV file');
    const concurrency = intOption('concurrency', values.concurrency as string | undefined, 2, 1, 64);
    const file = positionals[0];
    const rows = readRows(file, await readCsvFile(file));
    const items: ItemRow[] = [];
    const bad: BadRow[] = [];
    for (const r of rows) r.ok ? items.push(r.item) : bad.push(r.bad);

    if (values['dry-run']) {
      const progress = new Progress(io.stderr, items.length, 'check');
      const checked = await checkRows(items, serverDefaultLimits(), () => progress.tick());
      progress.finish();
      const failed = report([...bad, ...checked.bad], io);
      io.stdout.write(`checked ${rows.length} rows: ${checked.valid} ready to import, ${failed} with problems (dry run: nothing was sent)\n`);
      return failed ? 1 : 0;
    }

    const client = new GraphQLClient(resolveConnection(values as { url?: string; key?: string }, io.env));
    const progress = new Progress(io.stderr, items.length, 'import');
    let summary;
    try {
      summary = await importItems(client, items, { concurrency, onRow: () => progress.tick() });
    } catch (error) {
      progress.finish();
      if (error instanceof GraphQLCallError) throw new CliError(`${error.code}: ${authHint(error)}`);
      throw error;
    }
    progress.finish();
    const failed = report([...bad, ...summary.failed], io);
    for (const w of summary.warnings) io.stderr.write(`line ${w.line} (${w.sku}): warning: ${w.warning}\n`);
    io.stdout.write(`added ${summary.added}, skipped ${summary.skipped} (already there), failed ${failed}\n`);
    return failed ? 1 : 0;
  },
};

function readRows(file: string, text: string): CatalogueRow[] {
  try {
    return readCatalogueCsv(text, path.dirname(path.resolve(file)));
  } catch (error) {
    throw new CliError(error instanceof CsvError ? `${file} ${error.message}` : `${file}: ${(error as Error).message}`);
  }
}

/** Writes the failed rows in line order; returns how many. */
function report(failed: BadRow[], io: Io): number {
  failed.sort((a, b) => a.line - b.line);
  for (const f of failed) io.stderr.write(`line ${f.line}${f.sku ? ` (${f.sku})` : ''}: ${f.problem}\n`);
  return failed.length;
}
