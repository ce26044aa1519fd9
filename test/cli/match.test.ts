// `catalogue-search match` against a stand-in GraphQL endpoint that checks the multipart
// request it gets (operations + map + the photo) and answers like matchSnapshot. The
// real server's matchSnapshot is tested with the server; this pins the client's side.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { run } from '../../src/cli/main';
import { FIXTURES } from '../helpers/app';
import { captureIo } from './io';

const PHOTO = path.join(FIXTURES, 'photos', 'shirt-magenta.jpg');
const ANSWER = {
  matches: [
    { score: 0.9731, item: { id: '1', sku: 'SH-1', name: 'Magenta shirt', category: 'shirt', quantity: 4 } },
    { score: 0.81, item: { id: '2', sku: 'TS-22', name: 'Tee', category: 'tshirt', quantity: 0 } },
  ],
  verdict: 'IN_CATALOGUE',
  verdictMatch: { score: 0.9731, item: { id: '1', sku: 'SH-1', name: 'Magenta shirt', category: 'shirt', quantity: 4 } },
  box: { x: 10, y: 20, width: 300, height: 400 },
  timings: { decodeMs: 5.2, segmentMs: 40.1, cropMs: 3, embedMs: 12, searchMs: 0.4, totalMs: 61 },
};

interface Seen {
  authorization?: string;
  operations: { query: string; variables: Record<string, unknown> };
  map: Record<string, string[]>;
  file: { name: string; type: string; bytes: Buffer };
}

let server: http.Server;
let url: string;
let seen: Seen[] = [];
let reply: (res: http.ServerResponse) => void;
beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    // undici's Request parses multipart/form-data the way a server would.
    const form = await new Request('http://x/', { method: 'POST', headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) }).formData();
    const file = form.get('0') as File;
    seen.push({
      authorization: req.headers.authorization,
      operations: JSON.parse(String(form.get('operations'))),
      map: JSON.parse(String(form.get('map'))),
      file: { name: file.name, type: file.type, bytes: Buffer.from(await file.arrayBuffer()) },
    });
    reply(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  seen = [];
  reply = (res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ data: { matchSnapshot: ANSWER } }));
});

test('uploads the photo as a GraphQL multipart request with the options as variables', async () => {
  const io = captureIo({ CATALOGUE_KEY: 'k-env' });
  const code = await run(['match', PHOTO, '--url', url, '--limit', '5', '--category', 'shirt', '--include-out-of-stock', '--no-remove-background'], io);
  expect(io.err()).toBe('');
  expect(code).toBe(0);
  expect(seen).toHaveLength(1);
  const [req] = seen;
  expect(req.authorization).toBe('Bearer k-env');
  expect(req.operations.query).toMatch(/matchSnapshot\(image: \$image, limit: \$limit/);
  expect(req.operations.variables).toEqual({ image: null, limit: 5, category: 'shirt', includeOutOfStock: true, removeBackground: false });
  expect(req.map).toEqual({ 0: ['variables.image'] });
  expect(req.file).toEqual({ name: 'shirt-magenta.jpg', type: 'image/jpeg', bytes: fs.readFileSync(PHOTO) });
  const lines = io.out().split('\n');
  expect(lines[0]).toBe('verdict: IN_CATALOGUE: SKU SH-1 ("Magenta shirt", shirt, stock 4), score 0.973');
  expect(lines[1]).toMatch(/^rank\s+score\s+SKU\s+name\s+category\s+stock$/);
  expect(lines[2]).toMatch(/^\s+1\s+0\.973\s+SH-1\s+Magenta shirt\s+shirt\s+4$/);
  expect(lines[3]).toMatch(/^\s+2\s+0\.810\s+TS-22\s+Tee\s+tshirt\s+0$/);
  expect(io.out()).toContain('61 ms (decode 5, segment 40, crop 3, embed 12, search 0)');
});

test('--json prints the answer; options left out are not sent', async () => {
  const io = captureIo({ CATALOGUE_URL: url });
  expect(await run(['match', PHOTO, '--json'], io)).toBe(0);
  expect(JSON.parse(io.out())).toEqual(ANSWER);
  expect(seen[0].operations.variables).toEqual({ image: null });
  expect(seen[0].authorization).toBeUndefined();
});

test('NEW_ITEM and UNSURE are printed as what to do; an empty list still says the verdict', async () => {
  const answers = [
    [{ ...ANSWER, verdict: 'NEW_ITEM', verdictMatch: null, matches: [] }, 'verdict: NEW_ITEM: not in the catalogue\nno matches\n'],
    [{ ...ANSWER, verdict: 'UNSURE', verdictMatch: null }, 'verdict: UNSURE: compare the matches below\n'],
  ] as const;
  for (const [answer, start] of answers) {
    reply = (res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ data: { matchSnapshot: answer } }));
    const io = captureIo({ CATALOGUE_URL: url });
    expect(await run(['match', PHOTO], io)).toBe(0);
    expect(io.out().startsWith(start)).toBe(true);
  }
  expect(seen[0].operations.query).toMatch(/verdict\s+verdictMatch \{ score item \{/);
});

test('server errors become one clear line and exit code 1', async () => {
  reply = (res) =>
    res
      .writeHead(401, { 'content-type': 'application/json' })
      .end(JSON.stringify({ errors: [{ message: 'a valid API key is required', extensions: { code: 'UNAUTHENTICATED' } }] }));
  const io = captureIo({ CATALOGUE_URL: url });
  expect(await run(['match', PHOTO], io)).toBe(1);
  expect(io.err()).toBe('catalogue-search match: UNAUTHENTICATED: a valid API key is required (set --key or CATALOGUE_KEY)\n');

  reply = (res) => res.writeHead(404).end('not found');
  const html = captureIo({ CATALOGUE_URL: url });
  expect(await run(['match', PHOTO], html)).toBe(1);
  expect(html.err()).toMatch(/answered HTTP 404 without GraphQL .*is --url the catalogue server\?/);

  const missing = captureIo({ CATALOGUE_URL: url });
  expect(await run(['match', 'nope.jpg'], missing)).toBe(1);
  expect(missing.err()).toMatch(/cannot read nope\.jpg \(ENOENT\)/);
  expect(await run(['match', PHOTO, '--limit', 'x'], captureIo())).toBe(2);
});
