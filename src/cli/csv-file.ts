// A CSV file's text: UTF-8 (with or without a byte-order mark). A spreadsheet's other
// encodings ("Unicode text" is UTF-16, old "CSV" exports are Windows-1252) would import
// as garbled names, so they are refused with the line and what to save instead.
import { readFile } from 'node:fs/promises';
import { CliError } from './errors';

const SAVE_AS = 'save the sheet as "CSV UTF-8"';

export async function readCsvFile(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new CliError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new CliError(`${file} is UTF-16 text; ${SAVE_AS}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${file} line ${badLine(bytes)}: not UTF-8 text; ${SAVE_AS}`);
  }
}

/** The first line that is not valid UTF-8. */
function badLine(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  for (let line = 1; ; line++) {
    const end = bytes.indexOf(0x0a, start);
    try {
      decoder.decode(bytes.subarray(start, end < 0 ? bytes.length : end));
    } catch {
      return line;
    }
    if (end < 0) return line;
    start = end + 1;
  }
}
