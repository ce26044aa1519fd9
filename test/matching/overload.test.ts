// Under overload the vision queue does not grow without bound: with VISION_QUEUE_MAX photos
// already waiting, matchSnapshot (and adding an item, which embeds its images) is answered
// at once with 503, SERVICE_UNAVAILABLE and a Retry-After header, and works again as soon
// as the queue drains.
import { addItem, photo, PHOTOS, startTestApp, type TestApp } from '../helpers/app';
import { match } from './queries';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ VISION_CONCURRENCY: '1', VISION_QUEUE_MAX: '2' });
});
afterAll(async () => {
  await t?.close();
});

/** Occupies the one pipeline slot and the two queue places until the returned function is called. */
function fillTheQueue(): () => Promise<void> {
  // The semaphore is private to VisionService; holding it directly makes "busy" deterministic.
  const gate = (t.app.services.vision as unknown as { gate: { run(task: () => Promise<void>): Promise<void> } }).gate;
  let release!: () => void;
  const busy = new Promise<void>((r) => (release = r));
  const held = [gate.run(() => busy), gate.run(async () => {}), gate.run(async () => {})];
  return async () => {
    release();
    await Promise.all(held);
  };
}

test('a full vision queue answers 503 with Retry-After at once, then recovers', async () => {
  const release = fillTheQueue();
  try {
    const started = Date.now();
    const res = await fetchMatch();
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(body.errors[0].message).toMatch(/vision models are busy \(2 photos waiting\); try again in \d+ s/);
    expect(Date.now() - started).toBeLessThan(5000);

    const add = await addItem(t, { sku: 'BUSY-1' }, [PHOTOS[0]]);
    expect(add.status).toBe(503);
    expect(add.body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
  } finally {
    await release();
  }
  const again = await match(t, photo(PHOTOS[0]));
  expect(again.status).toBe(200);
  expect(again.body.errors).toBeUndefined();
});

/** matchSnapshot over raw fetch, to see the response headers. */
async function fetchMatch(): Promise<Response> {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: 'mutation($i: Upload!) { matchSnapshot(image: $i) { garmentFound } }', variables: { i: null } }));
  form.append('map', JSON.stringify({ 0: ['variables.i'] }));
  form.append('0', new Blob([photo(PHOTOS[0])], { type: 'image/jpeg' }), 'snapshot.jpg');
  return fetch(`${t.app.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${t.adminKey}` }, body: form });
}
