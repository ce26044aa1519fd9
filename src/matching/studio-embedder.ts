// The catalogue's StudioEmbedder backed by the vision models: one vector per studio image,
// through the same crop as snapshots. Without a model the item is stored unindexed, with
// a warning saying so (catalogueReindex indexes it once the model is installed).
import type { StudioEmbedder } from '../catalogue/events';
import type { ImageEmbedding } from '../catalogue/types';
import { AppError, badInput } from '../errors';
import type { VisionService } from './vision-service';

export function studioEmbedder(vision: VisionService): StudioEmbedder {
  return {
    async embedStudioImages(images) {
      const model = vision.models?.embedding;
      if (!model) {
        return { embeddings: [], warning: `not indexed for matching (${vision.problem}); run catalogueReindex once the model is installed` };
      }
      const embeddings = await Promise.all(
        images.map(async (image, n): Promise<ImageEmbedding> => {
          try {
            return { model, vector: await vision.catalogueEmbedding(image.data) };
          } catch (error) {
            if (error instanceof AppError && error.code === 'BAD_USER_INPUT') throw badInput(`image ${n + 1}: ${error.message}`, ['images', String(n)], 'INVALID_IMAGE');
            throw error;
          }
        }),
      );
      return { embeddings };
    },
  };
}
