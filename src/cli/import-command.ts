// `catalogue-search import <file.csv>`: the catalogue CSV into a running server.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readCatalogueCsv, type BadRow, type ItemRow } from '../catalogue/catalogue-csv';
import { importItems } from './catalogue-import';
import { intOption, parseCommandLine, type Command } from './command';
import { CONNECTION_HELP, CONNECTION_OPTIONS, resolveConnection } from './connection';
import { CsvError } from '../catalogue/csv';
import { CliError, UsageError } from './errors';
import { authHint, GraphQLCallError, GraphQLClient } from './graphql-client';
import { Progress } from './progress';

const OPTIONS = { ...CONNECTION_OPTIONS, concurrency: { type: 'string' } } as const;

export const importCommand: Command = {
  summary: 'add the items of a CSV, with their studio images, to the catalogue',
  help: `Usage: catalogue-search import <file.csv> [options]

Adds each row as a catalogue item with its studio images (catalogueItemCreate). SKUs already
in the catalogue are skipped, so an interrupted import can simply be run again.

CSV columns: sku, name, category, quantity, image (a path relative to the CSV; several
separated by "|"). Any other column becomes an attribute (colour, brand, size, ...).

Options:
  --concurrency N  items uploaded at once (default 2)
${CONNECTION_HELP}

Needs a merchandiser or admin key. Exit code 1 when any row failed.`,

  async run(args, io) {
    const { values, positionals } = parseCommandLine(args, OPTIONS);
    if (positionals.length !== 1) throw new UsageError('give exactly one CSV file');
    const concurrency = intOption('concurrency', values.concurrency as string | undefined, 2, 1, 64);
    const csvPath = path.resolve(positionals[0]);
    let text: string;
    try {
      text = await readFile(csvPath, 'utf8');
    } catch (error) {
      throw new CliError(`cannot read ${positionals[0]} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    let rows;
    try {
      rows = readCatalogueCsv(text, path.dirname(csvPath));
    } catch (error) {
      const where = error instanceof CsvError ? `${positionals[0]} ${error.message}` : `${positionals[0]}: ${(error as Error).message}`;
      throw new CliError(where);
    }
    const items: ItemRow[] = [];
    const bad: BadRow[] = [];
    for (const r of rows) r.ok ? items.push(r.item) : bad.push(r.bad);

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

    const failed = [...bad, ...summary.failed].sort((a, b) => a.line - b.line);
    for (const f of failed) io.stderr.write(`line ${f.line}${f.sku ? ` (${f.sku})` : ''}: ${f.problem}\n`);
    for (const w of summary.warnings) io.stderr.write(`line ${w.line} (${w.sku}): warning: ${w.warning}\n`);
    io.stdout.write(`added ${summary.added}, skipped ${summary.skipped} (already there), failed ${failed.length}\n`);
    return failed.length ? 1 : 0;
  },
};
