// The request a piece of code runs for, without passing it down: every log line written
// while a request is handled (a resolver, a service, the error mask) carries its id.
import { AsyncLocalStorage } from 'node:async_hooks';

const current = new AsyncLocalStorage<string>();

export function runWithRequestId<T>(id: string, fn: () => T): T {
  return current.run(id, fn);
}

export function currentRequestId(): string | undefined {
  return current.getStore();
}
