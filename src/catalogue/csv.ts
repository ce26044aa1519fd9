// RFC 4180 CSV, as spreadsheets export it: quoted fields may hold commas, quotes ("")
// and newlines; CRLF or LF line ends; a UTF-8 byte-order mark is ignored. Each record
// keeps the line it starts on, so a bad row can be reported by the line a person sees.

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvError';
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let quoteLine = 0;
  // A field that was quoted is a value even when empty; `touched` marks that.
  let touched = false;
  // Just after a closing quote only a comma or a line end may follow.
  let closed = false;
  const endField = () => {
    fields.push(field);
    field = '';
    touched = false;
    closed = false;
  };
  const endRecord = () => {
    // A blank line is no record (a spreadsheet's trailing newline, a gap between rows).
    const blank = fields.length === 0 && field === '' && !touched;
    endField();
    if (!blank) records.push({ line: start, fields });
    fields = [];
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          closed = true;
        }
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (closed && c !== ',' && c !== '\n' && c !== '\r') {
      throw new CsvError(line, 'text after a closing quote; quote the whole field and double any quote inside it');
    }
    if (c === '"') {
      if (field !== '') throw new CsvError(line, 'a quote in the middle of an unquoted field; quote the whole field and double the quote');
      quoted = true;
      touched = true;
      quoteLine = line;
    } else if (c === ',') {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else {
      field += c;
    }
  }
  if (quoted) throw new CsvError(quoteLine, 'a quoted field is never closed');
  if (field !== '' || touched || fields.length > 0) endRecord();
  return records;
}

/** Header-keyed rows: the first record names the columns (trimmed); later ones are matched to them. */
export function parseCsvObjects(text: string): { columns: string[]; rows: { line: number; values: Record<string, string>; extra: number }[] } {
  const [header, ...records] = parseCsv(text);
  if (!header) return { columns: [], rows: [] };
  const columns = header.fields.map((c) => c.trim());
  const rows = records.map((r) => {
    const values: Record<string, string> = {};
    columns.forEach((c, i) => (values[c] = r.fields[i] ?? ''));
    return { line: r.line, values, extra: Math.max(0, r.fields.length - columns.length) };
  });
  return { columns, rows };
}
