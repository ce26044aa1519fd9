// `import --dry-run`: every row and every image checked here as the server would check
// them, nothing sent. Images are read and fully decoded with the server's default limits
// (MAX_UPLOAD_BYTES, MAX_IMAGE_PIXELS); a SKU that appears twice in the file is reported
// (the later row would be skipped). Whether a SKU is already in the catalogue is the
// server's to say: the real import skips those.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BadRow, ItemRow } from '../catalogue/catalogue-csv';
import { loadConfig } from '../config/config';
import { ImageError, verifyImage, type ImageLimits } from '../vision/decode';

export interface CheckSummary {
  valid: number;
  bad: BadRow[];
}

export function serverDefaultLimits(): ImageLimits {
  const defaults = loadConfig({});
  return { maxBytes: defaults.maxUploadBytes, maxPixels: defaults.maxImagePixels };
}

export async function checkRows(rows: ItemRow[], limits: ImageLimits, onRow?: () => void): Promise<CheckSummary> {
  const summary: CheckSummary = { valid: 0, bad: [] };
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const problems: string[] = [];
    const earlier = firstLine.get(row.sku);
    if (earlier !== undefined) problems.push(`SKU ${row.sku} is also on line ${earlier}; this row would be skipped`);
    else firstLine.set(row.sku, row.line);
    for (const [n, file] of row.images.entries()) {
      const problem = await imageProblem(file, limits);
      if (problem) problems.push(`image ${n + 1} (${path.basename(file)}): ${problem}`);
    }
    if (problems.length) summary.bad.push({ line: row.line, sku: row.sku, problem: problems.join('; ') });
    else summary.valid++;
    onRow?.();
  }
  return summary;
}

async function imageProblem(file: string, limits: ImageLimits): Promise<string | null> {
  try {
    const bytes = await readFile(file);
    if (bytes.length > limits.maxBytes) return `${bytes.length} bytes is over the server's default limit of ${limits.maxBytes} (MAX_UPLOAD_BYTES)`;
    await verifyImage(bytes, limits);
    return null;
  } catch (error) {
    if (error instanceof ImageError) return error.message;
    return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
}
