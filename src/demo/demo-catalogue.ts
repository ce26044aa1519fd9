// The demo catalogue: a new user's first `npm start` (embedded database, empty catalogue)
// loads demo/catalogue.csv and matches one phone snapshot against it, so a real match is in
// the log within a minute. A marker file keeps it from coming back once the user has
// started their own catalogue (or deleted the demo items).
import fs from 'node:fs';
import path from 'node:path';
import { readCatalogueCsv } from '../catalogue/catalogue-csv';
import type { Services } from '../services';
import { UploadedFile } from '../upload';

const MARKER = 'demo-catalogue-loaded';

export function shouldLoadDemo(services: Services): boolean {
  const { config, database } = services;
  if (config.demoCatalogue === 'off') return false;
  if (config.demoCatalogue === 'auto' && (!database.embedded || fs.existsSync(path.join(config.dataDir, MARKER)))) return false;
  return fs.existsSync(path.join(config.demoDir, 'catalogue.csv'));
}

/** Adds the demo items if the catalogue is empty, then logs a match of a demo snapshot. */
export async function loadDemoCatalogue(services: Services, baseUrl: string): Promise<void> {
  const { config, catalogue, log } = services;
  const existing = await catalogue.list({ first: 1, filter: { includeRetired: true }, order: { field: 'createdAt', direction: 'asc' } });
  if (existing.totalCount > 0) return;

  const csvFile = path.join(config.demoDir, 'catalogue.csv');
  const rows = readCatalogueCsv(fs.readFileSync(csvFile, 'utf8'), config.demoDir);
  log(`demo: the catalogue is empty; adding the ${rows.length} demo items of ${csvFile} (DEMO_CATALOGUE=off to skip)`);
  let added = 0;
  for (const row of rows) {
    if (!row.ok) continue;
    const { sku, name, category, quantity, attributes, images } = row.item;
    const files = images.map((file) => new UploadedFile(path.basename(file), 'image/jpeg', fs.readFileSync(file)));
    await catalogue.create({ sku, name, category, quantity, attributes, images: files });
    added++;
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(path.join(config.dataDir, MARKER), `${new Date().toISOString()} ${added} items\n`);
  log(`demo: added ${added} items`);

  const snapshot = path.join(config.demoDir, 'snapshots', 'DEMO-PANTS-1.jpg');
  if (!services.vision.models || !fs.existsSync(snapshot)) return;
  const result = await services.matching.matchSnapshot(fs.readFileSync(snapshot), { limit: 3, baseUrl });
  const lines = result.matches.map((m, i) => `    ${i + 1}. ${m.item.sku} "${m.item.name}" score ${m.score.toFixed(3)}`);
  log(
    [
      `demo: matched the phone photo ${path.relative(process.cwd(), snapshot)} (background and all) in ${result.timings.totalMs.toFixed(0)} ms:`,
      ...lines,
      '  Try another: npx catalogue-search match demo/snapshots/DEMO-DRESS-1.jpg --key "$(cat data/admin-key.txt)"',
    ].join('\n'),
  );
}
