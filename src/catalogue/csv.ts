// CSV as spreadsheets export it, read with csv-parse: a comma, semicolon (European
// locales) or tab separator, detected from the header line; quoted fields holding
// separators, doubled quotes and newlines; CRLF or LF; a UTF-8 byte-order mark. Lines
// with nothing in them (blank, or only separators, as spreadsheets pad a sheet) are no
// records. Each record keeps the line it starts on, so a bad row is reported by the line a
// person sees in an editor.
import { parse, CsvError as ParseError } from 'csv-parse/sync';

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  fields: string[];
}

export type Delimiter = ',' | ';' | '\t';

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvError';
  }
}

const DELIMITERS: Delimiter[] = [',', ';', '\t'];
export const delimiterName = (d: Delimiter) => (d === '\t' ? 'tab' : `"${d}"`);

/** The separator the header line uses most, outside quotes; a comma when it has none. */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const c of text.replace(/^\ufeff/, '').replace(/^(\s*\r?\n)+/, '')) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c as Delimiter)) counts.set(c as Delimiter, counts.get(c as Delimiter)! + 1);
  }
  return DELIMITERS.reduce((best, d) => (counts.get(d)! > counts.get(best)! ? d : best), ',');
}

// csv-parse's messages name its options; these say what to change in the file.
const PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'text after a closing quote; quote the whole field and double any quote inside it',
  INVALID_OPENING_QUOTE: 'a quote in the middle of an unquoted field; quote the whole field and double the quote',
};

export function parseCsv(text: string, delimiter: Delimiter = detectDelimiter(text)): CsvRecord[] {
  const records: CsvRecord[] = [];
  // Where the last record ended, and how many empty lines csv-parse had skipped by then:
  // the next record starts after both.
  let end = 0;
  let empties = 0;
  try {
    parse(text, {
      bom: true,
      delimiter,
      // Any line end, even mixed in one file (a hand-edited export).
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record: string[], context) => {
        const line = end + (context.empty_lines - empties) + 1;
        end = context.lines;
        empties = context.empty_lines;
        if (record.some((field) => field !== '')) records.push({ line, fields: record });
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    const e = error as ParseError & { lines?: number; empty_lines?: number };
    // An unclosed quote is found at the end of the file: name the line the record starts on.
    const line = e.code === 'CSV_QUOTE_NOT_CLOSED' ? end + ((e.empty_lines ?? empties) - empties) + 1 : (e.lines ?? end + 1);
    throw new CsvError(line, PROBLEMS[e.code] ?? e.message);
  }
  return records;
}

export interface CsvTable {
  delimiter: Delimiter;
  /** The header's names, trimmed. */
  columns: string[];
  /** Each later record keyed by column; `extra` counts fields beyond the header's. */
  rows: { line: number; values: Record<string, string>; extra: number }[];
}

/** Header-keyed rows: the first record names the columns; later ones are matched to them. */
export function parseCsvTable(text: string): CsvTable {
  const delimiter = detectDelimiter(text);
  const [header, ...records] = parseCsv(text, delimiter);
  if (!header) return { delimiter, columns: [], rows: [] };
  const columns = header.fields.map((c) => c.trim());
  const rows = records.map((r) => {
    const values: Record<string, string> = {};
    columns.forEach((c, i) => (values[c] = r.fields[i] ?? ''));
    return { line: r.line, values, extra: Math.max(0, r.fields.length - columns.length) };
  });
  return { delimiter, columns, rows };
}
