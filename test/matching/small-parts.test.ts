// The semaphore that bounds pipeline runs, and the short-lived cutout store.
import { CutoutStore } from '../../src/matching/cutout-store';
import { QueueFullError, Semaphore } from '../../src/matching/semaphore';

test('the semaphore lets at most `limit` tasks run at once, in order', async () => {
  const gate = new Semaphore(2);
  let active = 0;
  let peak = 0;
  const order: number[] = [];
  await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      gate.run(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 5));
        order.push(i);
        active--;
      }),
    ),
  );
  expect(peak).toBe(2);
  expect(order.sort()).toEqual([0, 1, 2, 3, 4, 5]);
  await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  expect(await gate.run(async () => 'still works')).toBe('still works');
});

test('the semaphore refuses at once when maxWaiting tasks already wait, except background work', async () => {
  const gate = new Semaphore(1, 2);
  let release!: () => void;
  const blocker = new Promise<void>((r) => (release = r));
  const running = gate.run(() => blocker);
  const waiting = [gate.run(async () => 'w1'), gate.run(async () => 'w2')];
  expect(gate.queued).toBe(2);
  await expect(gate.run(async () => 'refused')).rejects.toBeInstanceOf(QueueFullError);
  // Background work has no client to answer: it queues whatever the length.
  const background = gate.run(async () => 'background', { queueAlways: true });
  expect(gate.queued).toBe(3);
  release();
  await running;
  expect(await Promise.all([...waiting, background])).toEqual(['w1', 'w2', 'background']);
  expect(gate.queued).toBe(0);
  expect(await gate.run(async () => 'free again')).toBe('free again');
});

test('cutouts expire', () => {
  let now = 0;
  const store = new CutoutStore(1000, () => now);
  const id = store.put(Buffer.from('jpeg'));
  expect(store.get(id)?.toString()).toBe('jpeg');
  now = 1000;
  expect(store.get(id)).toBeNull();
  expect(store.get('unknown')).toBeNull();
});
