// Writes a verdict calibration into an embedding manifest the server will read at its next
// start. The new manifest is checked by the server's own parser before anything is written,
// then written to a temporary file beside it, flushed and renamed over it: a crash or a full
// disk leaves the old manifest whole, never half a JSON file (which would stop the models
// from loading, and matching with them).
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { ManifestError, parseManifest, type VerdictCalibration } from './manifest';

/**
 * Replaces the manifest's `calibration` section. Refuses (ManifestError) a manifest that is
 * not of the embedding model the calibration was fitted for: thresholds mean nothing for
 * another model, and the server would ignore them anyway.
 */
export async function writeCalibration(manifestPath: string, calibration: VerdictCalibration): Promise<void> {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(await readFile(manifestPath, 'utf8'));
  } catch (err) {
    throw new ManifestError(manifestPath, `cannot be read as JSON (${(err as Error).message})`);
  }
  const current = parseManifest(json, 'embedding', manifestPath);
  const model = `${current.name}@${current.version}`;
  if (model !== calibration.calibratedFor.embedding) {
    throw new ManifestError(manifestPath, `is of ${model}, but the calibration was fitted for ${calibration.calibratedFor.embedding}`);
  }
  const next = { ...json, calibration };
  parseManifest(next, 'embedding', manifestPath);

  const tmp = path.join(path.dirname(manifestPath), `.${path.basename(manifestPath)}.${randomBytes(4).toString('hex')}.tmp`);
  const file = await open(tmp, 'wx');
  try {
    await file.writeFile(`${JSON.stringify(next, null, 2)}\n`);
    await file.sync();
    await file.close();
    await rename(tmp, manifestPath);
  } catch (err) {
    await file.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}
