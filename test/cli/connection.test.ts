// --url takes the server's address as people copy it, or its /graphql endpoint.
import { graphqlEndpoint, resolveConnection } from '../../src/cli/connection';
import { UsageError } from '../../src/cli/errors';

test.each([
  ['http://localhost:4000', 'http://localhost:4000/graphql'],
  ['http://localhost:4000/', 'http://localhost:4000/graphql'],
  ['http://localhost:4000/graphql', 'http://localhost:4000/graphql'],
  ['http://localhost:4000/graphql/', 'http://localhost:4000/graphql/'],
  ['https://shop.example.com/catalogue', 'https://shop.example.com/catalogue/graphql'],
  ['https://shop.example.com/catalogue/', 'https://shop.example.com/catalogue/graphql'],
  ['https://shop.example.com/catalogue/graphql', 'https://shop.example.com/catalogue/graphql'],
])('%s is answered at %s', (url, endpoint) => {
  expect(graphqlEndpoint(url)).toBe(endpoint);
});

test('the environment is used when --url is not given; a URL that is not one is a usage error', () => {
  expect(resolveConnection({}, { CATALOGUE_URL: 'http://10.0.0.5:4000', CATALOGUE_KEY: 'k' })).toEqual({ url: 'http://10.0.0.5:4000/graphql', key: 'k' });
  expect(resolveConnection({}, {}).url).toBe('http://localhost:4000/graphql');
  expect(() => resolveConnection({ url: 'localhost 4000' }, {})).toThrow(UsageError);
});
