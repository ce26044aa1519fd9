// feedbackSamples on its own (pure): which kept matches a refit from feedback leaves out,
// and that each is counted once, for the first reason that holds.
import type { KeptVector } from '../../src/db/kept-match-store';
import { feedbackSamples } from '../../src/feedback/feedback-calibration';

const VIEW = 'cutout + box with background';
const loaded = { embedding: { name: 'e', version: '1' }, segmentation: { name: 's', version: '1' }, queryView: VIEW };

function kept(id: string, changes: Partial<KeptVector> = {}): KeptVector {
  return {
    id,
    createdAt: new Date(0),
    embeddingModel: loaded.embedding,
    segmentationModel: loaded.segmentation,
    removeBackground: true,
    garmentFound: true,
    queryView: VIEW,
    matches: [],
    verdict: null,
    verdictItemId: null,
    feedback: 'confirmed',
    feedbackAt: new Date(0),
    itemId: 'item-a',
    referenceImageId: null,
    embedding: new Float32Array([1, 0]),
    ...changes,
  };
}

test('matches of another query view, or with none recorded, are left out and counted after other models', () => {
  const rows = [
    kept('used'),
    kept('new', { feedback: 'new_item', itemId: null }),
    kept('other-view', { queryView: 'cutout' }),
    kept('unrecorded', { queryView: null }),
    kept('other-model-and-view', { embeddingModel: { name: 'e', version: '0' }, queryView: 'cutout' }),
    kept('other-view-whole-photo', { queryView: 'cutout', removeBackground: false }),
    kept('whole-photo', { removeBackground: false }),
    kept('retired', { itemId: 'item-b' }),
  ];
  const out = feedbackSamples(rows, loaded, () => [{ itemId: 'item-a', score: 0.9 }], new Set(['item-b']));
  expect(out).toMatchObject({ known: 1, newItems: 1, skippedOtherModels: 1, skippedOtherQueryView: 3, skippedWholePhoto: 1, skippedRetired: 1 });
  expect(out.samples).toHaveLength(2);
});
