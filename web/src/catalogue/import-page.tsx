// CSV import in the browser. The API has no CSV operation (the command line's `import`
// is a client too): this page reads the CSV here, then sends one catalogueItemCreate per
// row, two at a time, like the command line; SKUs already there are skipped. A progress
// bar, and every row that failed with why.
import { useRef, useState } from 'preact/hooks';
import { graphql } from '../api/graphql';
import { ApiError, messageOf } from '../api/errors';
import type { PageProps } from '../pages';
import type { Session } from '../session';
import { ErrorNotice, Progress } from '../ui/notices';
import { USER_ERRORS, type UserError } from '../ui/user-errors';
import { readCsvRows, type BadRow, type CsvItem } from './csv-rows';

const CONCURRENCY = 2;
const BY_SKU = 'query ItemBySku($sku: String!) { catalogueItem(by: { sku: $sku }) { id } }';
const CREATE = `mutation CreateItem($input: CatalogueItemCreateInput!) { catalogueItemCreate(input: $input) { catalogueItem { id } ${USER_ERRORS} } }`;

interface Run {
  total: number;
  done: number;
  added: number;
  skipped: number;
  failed: BadRow[];
  finished: boolean;
}

async function importRow(session: Session, row: CsvItem, signal: AbortSignal): Promise<'added' | 'skipped' | string> {
  const found = await graphql<{ catalogueItem: { id: string } | null }>(BY_SKU, { sku: row.sku }, { key: session.key, signal });
  if (found.catalogueItem) return 'skipped';
  const input = { sku: row.sku, name: row.name, category: row.category, attributes: row.attributes, quantity: row.quantity ?? 0, images: row.images.map(() => null) };
  const files = row.images.map((file, i) => ({ path: `variables.input.images.${i}`, file, name: file.name }));
  const { catalogueItemCreate: answer } = await graphql<{ catalogueItemCreate: { catalogueItem: unknown; userErrors: UserError[] } }>(CREATE, { input }, { key: session.key, files, signal });
  if (answer.catalogueItem) return 'added';
  if (answer.userErrors.some((e) => e.code === 'TAKEN' && e.field?.join('.') === 'input.sku')) return 'skipped';
  return answer.userErrors.map((e) => `${e.code}: ${e.message}`).join('; ');
}

export default function ImportPage({ session }: PageProps) {
  const [csv, setCsv] = useState<File | null>(null);
  const [images, setImages] = useState<File[]>([]);
  const [run, setRun] = useState<Run | null>(null);
  const [error, setError] = useState<unknown>(null);
  const cancel = useRef<AbortController | null>(null);

  const start = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (!csv) return;
    let rows: { items: CsvItem[]; bad: BadRow[] };
    try {
      rows = readCsvRows(await csv.text(), images);
    } catch (failure) {
      return setError(failure);
    }
    const controller = new AbortController();
    cancel.current = controller;
    const state: Run = { total: rows.items.length + rows.bad.length, done: rows.bad.length, added: 0, skipped: 0, failed: [...rows.bad], finished: false };
    const show = () => setRun({ ...state, failed: [...state.failed] });
    show();
    let next = 0;
    const worker = async () => {
      while (next < rows.items.length && !controller.signal.aborted) {
        const row = rows.items[next++];
        try {
          const outcome = await importRow(session, row, controller.signal);
          if (outcome === 'added') state.added++;
          else if (outcome === 'skipped') state.skipped++;
          else state.failed.push({ line: row.line, sku: row.sku, problem: outcome });
        } catch (failure) {
          // The server gone or the key refused: no later row would fare better.
          if (failure instanceof ApiError && ['network', 'unauthenticated', 'forbidden', 'aborted'].includes(failure.kind)) {
            if (failure.kind !== 'aborted') setError(failure);
            controller.abort();
            break;
          }
          state.failed.push({ line: row.line, sku: row.sku, problem: messageOf(failure) });
        }
        state.done++;
        show();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    state.finished = true;
    state.failed.sort((a, b) => a.line - b.line);
    show();
  };

  const busy = run !== null && !run.finished;
  return (
    <div>
      <h1>Import a CSV</h1>
      <p>
        Columns: <code>sku</code>, <code>name</code>, <code>category</code>, <code>quantity</code>, <code>image</code> (file names, several separated by
        “|”); any other column becomes an attribute. Choose the CSV and its photos; items whose SKU is already there are skipped.
      </p>
      <form onSubmit={start}>
        <label>
          CSV file
          <input type="file" accept=".csv,.tsv,.txt,text/csv" required onChange={(e) => setCsv(e.currentTarget.files?.[0] ?? null)} />
        </label>
        <label>
          The photos it names
          <input type="file" accept="image/jpeg,image/png,image/webp" multiple onChange={(e) => setImages([...(e.currentTarget.files ?? [])])} />
        </label>
        <p class="muted">{images.length} photo{images.length === 1 ? '' : 's'} chosen.</p>
        {busy ? (
          <button type="button" onClick={() => cancel.current?.abort()}>
            Stop the import
          </button>
        ) : (
          <button type="submit" class="primary" disabled={!csv}>
            Import
          </button>
        )}
      </form>
      {error !== null && <ErrorNotice error={error} />}
      {run && (
        <section aria-labelledby="import-title">
          <h2 id="import-title">{run.finished ? 'Import finished' : 'Importing…'}</h2>
          <Progress label={`${run.done} of ${run.total} rows`} value={run.total ? run.done / run.total : 1} />
          <p role="status">
            {run.added} added, {run.skipped} skipped (already there), {run.failed.length} failed.
          </p>
          {run.failed.length > 0 && (
            <div class="table-scroll">
              <table>
                <caption>Rows that failed</caption>
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">SKU</th>
                    <th scope="col">Why</th>
                  </tr>
                </thead>
                <tbody>
                  {run.failed.map((f) => (
                    <tr key={`${f.line}-${f.sku}`}>
                      <td>{f.line}</td>
                      <td>{f.sku}</td>
                      <td>{f.problem}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
