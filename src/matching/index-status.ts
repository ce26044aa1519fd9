// What indexStatus reports: the index's size and models, whether the Embedding rows lag
// behind the catalogue or the model (stale), the running reindex job, and how far this
// process's index has followed the change feed (applied position and lag).
import type { EmbeddingStore } from '../db/embedding-store';
import type { Job } from '../jobs/types';
import type { ModelIdentity } from '../model-identity';
import type { CatalogueIndex } from './catalogue-index';
import type { ChangeFeed } from './change-feed';
import type { VisionModels, VisionService } from './vision-service';

export interface IndexStatus {
  itemsIndexed: number;
  imagesIndexed: number;
  /** Embedding rows of the current model in the database: what imagesIndexed must reach. */
  imagesEmbedded: number;
  embeddingModel: VisionModels['embedding'] | null;
  segmentationModel: ModelIdentity | null;
  /** Rows of other models exist, or images have no row of the current model: run catalogueReindex. */
  stale: boolean;
  lastRebuildAt: Date | null;
  currentJob: Job | null;
  /** Why matching is off, when it is. */
  problem: string | null;
  /** The last change feed sequence applied to this process's index; null when matching is off. */
  appliedChange: number | null;
  /** Committed changes not yet applied here (latest minus applied); null when matching is off. */
  changeLag: number | null;
}

export async function indexStatus(
  vision: VisionService,
  index: CatalogueIndex | null,
  embeddings: EmbeddingStore,
  jobs: { currentJob(): Promise<Job | null> },
  feed: ChangeFeed | null,
): Promise<IndexStatus> {
  const models = vision.models;
  const currentJob = await jobs.currentJob();
  if (!index || !models || !feed) {
    return {
      itemsIndexed: 0,
      imagesIndexed: 0,
      imagesEmbedded: 0,
      embeddingModel: null,
      segmentationModel: null,
      stale: true,
      lastRebuildAt: null,
      currentJob,
      problem: vision.problem,
      appliedChange: null,
      changeLag: null,
    };
  }
  const [others, missing, stored, position] = await Promise.all([
    embeddings.otherModelCount(index.model),
    embeddings.missingCount(index.model),
    embeddings.count(index.model),
    feed.position(),
  ]);
  return {
    itemsIndexed: index.itemsIndexed,
    imagesIndexed: index.imagesIndexed,
    imagesEmbedded: stored,
    embeddingModel: models.embedding,
    segmentationModel: models.segmentation,
    stale: others > 0 || missing > 0,
    lastRebuildAt: index.lastRebuildAt,
    currentJob,
    problem: null,
    // Sequences stay far below 2^53; GraphQL carries them as numbers.
    appliedChange: Number(position.applied),
    changeLag: Number(position.lag),
  };
}
