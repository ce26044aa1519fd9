// The schema-first Apollo server: schema.graphql + resolvers + limits + error masking.
import fs from 'node:fs';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Config } from '../config/config';
import { AppError, PUBLIC_CODES } from '../errors';
import { PACKAGE_ROOT } from '../package-root';
import type { Log } from '../services';
import type { Context } from './context';
import { queryLimitsPlugin } from './limits';
import { resolvers } from './resolvers';

export const SCHEMA_PATH = path.join(PACKAGE_ROOT, 'schema.graphql');

export function createApollo(config: Config, log: Log): ApolloServer<Context> {
  return new ApolloServer<Context>({
    typeDefs: fs.readFileSync(SCHEMA_PATH, 'utf8'),
    resolvers,
    plugins: [queryLimitsPlugin({ maxDepth: config.maxQueryDepth, maxCost: config.maxQueryCost, maxAliases: config.maxQueryAliases })],
    csrfPrevention: true,
    // src/main.ts handles SIGINT/SIGTERM and closes everything in order.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => maskError(formatted, error, log),
  });
}

/** Known errors go out as they are; anything else is logged and masked. */
export function maskError(formatted: GraphQLFormattedError, error: unknown, log: Log): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) return formatted;
  // Apollo's own request errors (parse, validation, bad variables) are GraphQLErrors.
  const code = formatted.extensions?.code;
  if (original instanceof GraphQLError && typeof code === 'string' && PUBLIC_CODES.has(code)) return formatted;
  log(`unexpected error: ${(original as Error)?.stack ?? String(original)}`);
  return { message: 'Unexpected error.', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
