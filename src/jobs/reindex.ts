// The reindex job's work: re-embed every image with the current model, retired items'
// too so that restoring one needs no reindex (upserting its Embedding row; a row keeps its
// label), then build a new vector index from the rows and swap it in. Progress goes to
// the Job row as it runs. Resumed after a restart (or asked with onlyMissing), it skips
// images that already have a row of the current model.
import type { StoredImage } from '../catalogue/types';
import type { EmbeddingStore } from '../db/embedding-store';
import type { JobStore } from '../db/job-store';
import type { ModelIdentity } from '../model-identity';

/** What the job uses of matching (the vision models, the index), by shape: jobs import nothing of it. */
export interface ReindexDeps {
  embeddings: EmbeddingStore;
  jobs: JobStore;
  image(id: string): Promise<StoredImage | null>;
  vision: { catalogueEmbedding(bytes: Buffer, opts: { background: boolean }): Promise<Float32Array> };
  index: { readonly model: ModelIdentity; rebuild(): Promise<void> };
  log: (line: string) => void;
}

/** How often progress is written, at most. */
const PROGRESS_EVERY_MS = 500;

/** When the job must stop: the process is stopping, or its lock is gone (another process may run it now). */
export interface ReindexGuard {
  stopping(): boolean;
  /** Asked before the index is swapped and other models' rows are deleted. */
  stillHeld(): Promise<boolean>;
}

/** Returns false when the guard interrupted it (the row stays `running`, to resume). */
export async function runReindex(jobId: string, deps: ReindexDeps, onlyMissing: boolean, guard: ReindexGuard): Promise<boolean> {
  const { embeddings, jobs, vision, index } = deps;
  const model = index.model;
  const all = await embeddings.imagesToEmbed(model, false);
  const todo = onlyMissing ? await embeddings.imagesToEmbed(model, true) : all;
  const total = all.length;
  let done = total - todo.length;
  await jobs.progress(jobId, done, total);
  let written = Date.now();
  for (const id of todo) {
    if (guard.stopping()) return false;
    const image = await deps.image(id);
    // An image deleted meanwhile has nothing to embed.
    if (image) await embeddings.upsert(id, model, await vision.catalogueEmbedding(image.data, { background: true }));
    done++;
    if (Date.now() - written >= PROGRESS_EVERY_MS) {
      await jobs.progress(jobId, done, total);
      written = Date.now();
    }
  }
  await jobs.progress(jobId, done, total);
  // Deleting other models' rows cannot be undone: only while this process still runs the job alone.
  if (!(await guard.stillHeld())) return false;
  await index.rebuild();
  const dropped = await embeddings.deleteOtherModels(model);
  deps.log(`reindex ${jobId}: ${done} images embedded with ${model.name}@${model.version}${dropped ? `, ${dropped} rows of other models deleted` : ''}`);
  return true;
}
