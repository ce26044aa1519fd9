// Where the server is and which key to send: --url/--key, else CATALOGUE_URL and
// CATALOGUE_KEY. The one place the CLI reads the environment.
import { UsageError } from './errors';

export const DEFAULT_URL = 'http://localhost:4000/graphql';

export interface Connection {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  key: string | undefined;
}

export const CONNECTION_OPTIONS = {
  url: { type: 'string' },
  key: { type: 'string' },
} as const;

export const CONNECTION_HELP = `  --url URL        the server, e.g. http://localhost:4000, or its /graphql endpoint
                   (env CATALOGUE_URL, default ${DEFAULT_URL})
  --key KEY        API key sent as a Bearer token (env CATALOGUE_KEY)`;

/**
 * The GraphQL endpoint of a server URL: the base URL as people copy it (with or without a
 * path prefix, a trailing slash) gets /graphql; a URL already ending in /graphql is kept.
 */
export function graphqlEndpoint(url: string): string {
  const parsed = new URL(url);
  if (!/\/graphql\/?$/.test(parsed.pathname)) parsed.pathname = `${parsed.pathname.replace(/\/+$/, '')}/graphql`;
  return parsed.toString();
}

export function resolveConnection(values: { url?: string; key?: string }, env: NodeJS.ProcessEnv): Connection {
  const url = values.url || env.CATALOGUE_URL || DEFAULT_URL;
  let endpoint: string;
  try {
    endpoint = graphqlEndpoint(url);
  } catch {
    throw new UsageError(`--url "${url}" is not a URL; give the server's address, e.g. http://localhost:4000`);
  }
  return { url: endpoint, key: values.key || env.CATALOGUE_KEY || undefined };
}
