// Structured logs: every request gets an id (x-request-id, a sane incoming one kept) that
// is on its log lines; the Authorization header never reaches the log; errors are logged
// even at LOG_LEVEL=silent, and nothing else is.
import { startTestApp, type TestApp } from './helpers/app';
import { LogCapture } from './helpers/logs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let t: TestApp;
const logs = new LogCapture();
beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: 'info' }, { logs });
});
afterAll(async () => {
  await t?.close();
});

const query = (headers: Record<string, string>) =>
  fetch(`${t.app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminKey}`, ...headers },
    body: JSON.stringify({ query: '{ catalogueItems(first: 1) { totalCount } }' }),
  });

/** The access line is written when the answer is finished, a moment after the client has it. */
async function accessLine(reqId: string) {
  for (let i = 0; i < 50; i++) {
    const line = logs.lines.find((l) => l.reqId === reqId && l.req);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no access line for ${reqId}`);
}

test('each request gets its own id, in x-request-id, on every route', async () => {
  const ids = new Set<string>();
  for (const path of ['/healthz', '/readyz', '/graphql', '/images/nope', '/nowhere']) {
    const res = await fetch(`${t.app.url}${path}`);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(UUID);
    ids.add(id!);
  }
  expect(ids.size).toBe(5);
});

test("a caller's sane request id is kept; anything else is replaced", async () => {
  expect((await query({ 'x-request-id': 'lb-7f3a.2:web@edge_1' })).headers.get('x-request-id')).toBe('lb-7f3a.2:web@edge_1');
  for (const bad of ['x'.repeat(129), 'a b', '"},{"admin":true', '%0a', '']) {
    const res = await fetch(`${t.app.url}/healthz`, { headers: { 'x-request-id': bad } });
    expect(res.headers.get('x-request-id')).toMatch(UUID);
  }
});

test('the access line: id, time, level, method, URL, status, duration, and the Authorization header redacted', async () => {
  const res = await query({ 'x-request-id': 'access-line-1' });
  expect(res.status).toBe(200);
  const line = await accessLine('access-line-1');
  expect(line).toMatchObject({
    level: 'info',
    msg: 'request completed',
    req: { method: 'POST', url: '/graphql', headers: { authorization: '[redacted]' } },
    res: { statusCode: 200 },
  });
  expect(new Date(line.time).toISOString()).toBe(line.time);
  expect(line.responseTimeMs).toBeGreaterThanOrEqual(0);
  expect(logs.text).not.toContain(t.adminKey);
});

describe('at LOG_LEVEL=silent', () => {
  let quiet: TestApp;
  const quietLogs = new LogCapture();
  beforeAll(async () => {
    quiet = await startTestApp({ LOG_LEVEL: 'silent' }, { logs: quietLogs });
  });
  afterAll(async () => {
    await quiet?.close();
  });

  test('an unexpected error is logged, with the request id and its stack, and nothing else is', async () => {
    const failure = jest.spyOn(quiet.app.services, 'indexStatus').mockRejectedValue(new Error('disk on fire'));
    try {
      const res = await fetch(`${quiet.app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${quiet.adminKey}` },
        body: JSON.stringify({ query: '{ indexStatus { problem } }' }),
      });
      const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
      // The client sees a masked error; the log has the cause.
      expect(body.errors[0]).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(JSON.stringify(body)).not.toContain('disk on fire');
      const errors = quietLogs.lines.filter((line) => line.level === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0].reqId).toBe(res.headers.get('x-request-id'));
      expect(errors[0].msg).toMatch(/unexpected error: Error: disk on fire\n\s+at /);
      expect(quietLogs.lines.filter((line) => line.level !== 'error')).toEqual([]);
    } finally {
      failure.mockRestore();
    }
  });

  test('a failure outside GraphQL (a 500 from the router) is logged with its stack and an error access line', async () => {
    quietLogs.lines.length = 0;
    const failure = jest.spyOn(quiet.app.services.database, 'ping').mockRejectedValue(new Error('ping exploded'));
    try {
      const res = await fetch(`${quiet.app.url}/readyz`);
      expect(res.status).toBe(500);
      const reqId = res.headers.get('x-request-id');
      for (let i = 0; i < 50 && quietLogs.lines.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(quietLogs.lines).toMatchObject([
        { level: 'error', reqId, msg: 'unhandled GET /readyz', err: { message: 'ping exploded', stack: expect.stringContaining('ping exploded') } },
        { level: 'error', reqId, msg: 'request failed', res: { statusCode: 500 } },
      ]);
    } finally {
      failure.mockRestore();
    }
  });
});
