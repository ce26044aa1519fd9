// A match is kept after it has answered (src/feedback/keep-writer.ts): feedback right after
// the answer still finds it, on this process or another replica; a failed write is logged
// and never fails the match. In memory: a fake store whose writes take as long as a test
// says, or fail.
import type { CatalogueService } from '../../src/catalogue/catalogue-service';
import type { KeptMatch, KeptMatchStore, NewKeptMatch } from '../../src/db/kept-match-store';
import { AppError } from '../../src/errors';
import { FeedbackService, type MatchToKeep } from '../../src/feedback/feedback-service';
import { KeepWriter } from '../../src/feedback/keep-writer';
import { matchIdTime, newMatchId } from '../../src/feedback/match-id';
import { UUID } from '../../src/catalogue/validation';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** kept_match in memory; `insert` waits `writeMs`, or fails with `failWith`. */
class FakeStore {
  rows = new Map<string, NewKeptMatch & { feedback: string | null }>();
  writeMs = 0;
  failWith: Error | null = null;

  async insert(m: NewKeptMatch): Promise<void> {
    await sleep(this.writeMs);
    if (this.failWith) throw this.failWith;
    this.rows.set(m.id, { ...m, feedback: null });
  }

  async find(id: string): Promise<KeptMatch | null> {
    const row = this.rows.get(id);
    return row ? ({ id, createdAt: row.createdAt, feedback: row.feedback } as unknown as KeptMatch) : null;
  }

  async markNewItem(id: string): Promise<null | 'gone'> {
    const row = this.rows.get(id);
    if (!row) return 'gone';
    row.feedback = 'new_item';
    return null;
  }
}

const toKeep: MatchToKeep = {
  photo: Buffer.from('photo'),
  cutout: Buffer.from('cutout'),
  embedding: new Float32Array([1, 0]),
  models: { segmentation: { name: 's', version: '1' }, embedding: { name: 'e', version: '1' } },
  removeBackground: true,
  garmentFound: true,
  queryView: 'cutout',
  matches: [],
};

function service(store: FakeStore, errors: string[] = []): FeedbackService {
  return new FeedbackService(store as unknown as KeptMatchStore, {} as CatalogueService, {
    enabled: true,
    retentionDays: 30,
    index: () => null,
    error: (line) => errors.push(line),
  });
}

const codeOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: AppError) => error.code);

test('match ids are UUID version 7: they carry the time they were made', () => {
  const id = newMatchId(Date.UTC(2026, 10, 29, 12));
  expect(id).toMatch(UUID);
  expect(id[14]).toBe('7');
  expect(matchIdTime(id)).toBe(Date.UTC(2026, 10, 29, 12));
  expect(matchIdTime('3f2504e0-4f89-41d3-9a0c-0305e82c3301')).toBeNull();
});

test('the keep answers the id before the write; feedback right after the answer waits for the write', async () => {
  const store = new FakeStore();
  store.writeMs = 400;
  const feedback = service(store);
  const made = Date.now();
  const id = (await feedback.keep(async () => toKeep))!;
  expect(Date.now() - made).toBeLessThan(200);
  expect(store.rows.has(id)).toBe(false);
  expect((await feedback.markNewItem(id)).id).toBe(id);
  expect(store.rows.get(id)!.feedback).toBe('new_item');
});

test('a failed write is logged and fails nothing but the feedback on that match (NOT_FOUND)', async () => {
  const store = new FakeStore();
  store.failWith = new Error('the database is down');
  const errors: string[] = [];
  const feedback = service(store, errors);
  const id = (await feedback.keep(async () => toKeep))!;
  await feedback.flush();
  expect(errors).toEqual([expect.stringContaining(`could not keep match ${id}`)]);
  expect(errors[0]).toContain('the database is down');
  // A failed encode is the same.
  const other = (await feedback.keep(async () => Promise.reject(new Error('encode failed'))))!;
  await feedback.flush();
  expect(errors[1]).toContain(`could not keep match ${other}`);
  // This process knows its write failed: no waiting for the row.
  const t = Date.now();
  expect(await codeOf(feedback.markNewItem(id))).toBe('NOT_FOUND');
  expect(Date.now() - t).toBeLessThan(1000);
  expect(store.rows.size).toBe(0);
});

test('another replica looks again for a match made moments ago; an unknown id answers NOT_FOUND at once', async () => {
  const store = new FakeStore();
  const feedback = service(store);
  // Made by another process: its row arrives 200 ms after the id was answered.
  const id = newMatchId();
  setTimeout(() => store.rows.set(id, { createdAt: new Date(), feedback: null } as NewKeptMatch & { feedback: null }), 200);
  expect((await feedback.markNewItem(id)).id).toBe(id);
  const t = Date.now();
  expect(await codeOf(feedback.markNewItem('3f2504e0-4f89-41d3-9a0c-0305e82c3301'))).toBe('NOT_FOUND');
  expect(await codeOf(feedback.markNewItem(newMatchId(Date.now() - 3_600_000)))).toBe('NOT_FOUND');
  expect(Date.now() - t).toBeLessThan(1000);
});

test('past its limit of writes in flight, the next keep waits for one (a slow database holds few photos)', async () => {
  const writer = new KeepWriter(() => {}, 2);
  const done: string[] = [];
  const write = (id: string) => () => sleep(100).then(() => void done.push(id));
  await writer.start('a', write('a'));
  await writer.start('b', write('b'));
  expect(writer.size).toBe(2);
  await writer.start('c', write('c'));
  expect(done).toContain('a');
  await writer.settled('c');
  await writer.flush();
  expect(done.sort()).toEqual(['a', 'b', 'c']);
  expect(writer.size).toBe(0);
});
