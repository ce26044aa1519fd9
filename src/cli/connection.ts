// Where the server is and which key to send: --url/--key, else CATALOGUE_URL and
// CATALOGUE_KEY. The one place the CLI reads the environment.

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

export const CONNECTION_HELP = `  --url URL        GraphQL endpoint (env CATALOGUE_URL, default ${DEFAULT_URL})
  --key KEY        API key sent as a Bearer token (env CATALOGUE_KEY)`;

export function resolveConnection(values: { url?: string; key?: string }, env: NodeJS.ProcessEnv): Connection {
  return {
    url: values.url || env.CATALOGUE_URL || DEFAULT_URL,
    key: values.key || env.CATALOGUE_KEY || undefined,
  };
}
