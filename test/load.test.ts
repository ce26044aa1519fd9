// The load goal in a few seconds (bench/load.ts is the minute-long run): 8 clients of mixed
// matches, queries and adds; a small vision queue so some requests are shed. Only 2xx and
// 503 with Retry-After may come back, and afterwards the index holds what the database has.
import { runLoad } from '../bench/load-clients';
import { addItem, createdItem, photo, PHOTOS, startTestApp, type TestApp } from './helpers/app';

describe('8 clients of mixed work for a few seconds', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ VISION_CONCURRENCY: '1', VISION_QUEUE_MAX: '2' });
    for (const [i, name] of PHOTOS.entries()) createdItem(await addItem(t, { sku: `SEED-${i}`, category: name.split('-')[0] }, [name]));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers only 2xx or 503 with Retry-After, and the index agrees with the database', async () => {
    const images = PHOTOS.map(photo);
    const r = await runLoad({
      url: `${t.app.url}/graphql`,
      key: t.adminKey,
      clients: 8,
      seconds: 4,
      snapshots: images,
      studio: images,
      categories: PHOTOS.map((name) => name.split('-')[0]),
      skuPrefix: 'LOAD',
    });
    expect(r.failures).toEqual([]);
    // Every client was answered at least once, however slow the machine; some of it was work done.
    const answers = Object.values(r.statuses).flatMap((counts) => Object.values(counts));
    expect(answers.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(8);
    expect(r.latencies.match.length + r.latencies.query.length + r.latencies.add.length).toBeGreaterThan(0);

    const status = (await t.gql('{ indexStatus { imagesIndexed imagesEmbedded } catalogueItems(first: 1) { totalCount } }')).body.data;
    expect(status.catalogueItems.totalCount).toBe(PHOTOS.length + r.added);
    expect(status.indexStatus.imagesIndexed).toBe(status.indexStatus.imagesEmbedded);
    expect(status.indexStatus.imagesEmbedded).toBe(PHOTOS.length + r.added);
  });
});
