// What indexStatus reports: the index's size and models, whether the Embedding rows lag
// behind the catalogue or the model (stale), and the running reindex job.
import type { EmbeddingStore } from '../db/embedding-store';
import type { Job } from '../jobs/types';
import type { ModelIdentity } from '../model-identity';
import type { CatalogueIndex } from './catalogue-index';
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
}

export async function indexStatus(
  vision: VisionService,
  index: CatalogueIndex | null,
  embeddings: EmbeddingStore,
  jobs: { currentJob(): Promise<Job | null> },
): Promise<IndexStatus> {
  const models = vision.models;
  const currentJob = await jobs.currentJob();
  if (!index || !models) {
    return { itemsIndexed: 0, imagesIndexed: 0, imagesEmbedded: 0, embeddingModel: null, segmentationModel: null, stale: true, lastRebuildAt: null, currentJob, problem: vision.problem };
  }
  const [others, missing, stored] = await Promise.all([
    embeddings.otherModelCount(index.model),
    embeddings.missingCount(index.model),
    embeddings.count(index.model),
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
  };
}
