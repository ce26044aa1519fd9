// The semaphore that bounds pipeline runs, and the short-lived cutout store.
import { CutoutStore } from '../../src/matching/cutout-store';
import { Semaphore } from '../../src/matching/semaphore';

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

test('cutouts expire', () => {
  let now = 0;
  const store = new CutoutStore(1000, () => now);
  const id = store.put(Buffer.from('jpeg'));
  expect(store.get(id)?.toString()).toBe('jpeg');
  now = 1000;
  expect(store.get(id)).toBeNull();
  expect(store.get('unknown')).toBeNull();
});
