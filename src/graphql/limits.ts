// Limits checked once the operation is known and before anything runs, with the request's
// real variable values: depth, aliases, one matchSnapshot per request, and cost (per-field
// costs in ./field-costs.ts). They run as an Apollo plugin rather than validation rules:
// validation sees no variables, its results are cached per document, and Apollo would
// recode its errors as GRAPHQL_VALIDATION_FAILED. Every refusal is BAD_USER_INPUT, HTTP 400.
import type { ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { AppError } from '../errors';
import { fieldCost } from './field-costs';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  /** Aliased fields in one operation, a fragment counting each time it is spread. */
  maxAliases: number;
}

/** Root fields that may run at most once per request: each one is seconds of CPU. */
const ONCE_PER_REQUEST = ['matchSnapshot'];

/** Bounds the cost walk on documents whose fragments expand enormously. */
const MAX_EXPANDED_NODES = 10_000;

export const queryLimitError = (message: string) => new AppError('BAD_USER_INPUT', message, 400);

type Fragments = Map<string, FragmentDefinitionNode>;

function fragmentsOf(document: DocumentNode): Fragments {
  const fragments: Fragments = new Map();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/**
 * Folds a selection set, fragments included; each fragment is measured once and
 * remembered, so a document that spreads fragments into fragments stays linear to walk.
 */
function measure(
  fragments: Fragments,
  field: (node: { alias?: unknown; name: { value: string } }, inner: number) => number,
  combine: (a: number, b: number) => number,
): (set: SelectionSetNode | undefined) => number {
  const memo = new Map<string, number>();
  const walk = (set: SelectionSetNode | undefined): number => {
    let total = 0;
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        total = combine(total, field(selection, walk(selection.selectionSet)));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total = combine(total, walk(selection.selectionSet));
      } else {
        const name = selection.name.value;
        if (!memo.has(name)) {
          memo.set(name, 0); // cycles are refused by validation; this only stops recursion
          memo.set(name, walk(fragments.get(name)?.selectionSet));
        }
        total = combine(total, memo.get(name)!);
      }
    }
    return total;
  };
  return walk;
}

export function queryDepth(operation: OperationDefinitionNode, fragments: Fragments): number {
  return measure(fragments, (node, inner) => (node.name.value.startsWith('__') ? 0 : 1 + inner), Math.max)(operation.selectionSet);
}

export function aliasCount(operation: OperationDefinitionNode, fragments: Fragments): number {
  return measure(fragments, (node, inner) => (node.alias ? 1 : 0) + inner, (a, b) => a + b)(operation.selectionSet);
}

/** How many times root field `name` runs: its distinct response keys (equal keys are merged). */
export function rootFieldRuns(operation: OperationDefinitionNode, fragments: Fragments, name: string): number {
  const keys = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name) keys.add(selection.alias?.value ?? name);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        walk(fragments.get(selection.name.value)?.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return keys.size;
}

export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
): number {
  return getComplexity({ schema, query: document, operationName, variables, estimators: [fieldCost], maxQueryNodes: MAX_EXPANDED_NODES });
}

/** Why the operation is refused, or null when it is within every limit. */
export function checkQueryLimits(
  limits: QueryLimits,
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): string | null {
  const fragments = fragmentsOf(document);
  const depth = queryDepth(operation, fragments);
  if (depth > limits.maxDepth) return `query depth ${depth} is over the limit of ${limits.maxDepth}`;
  const aliases = aliasCount(operation, fragments);
  if (aliases > limits.maxAliases) return `query has ${aliases} aliases, over the limit of ${limits.maxAliases}`;
  for (const name of ONCE_PER_REQUEST) {
    const runs = rootFieldRuns(operation, fragments, name);
    if (runs > 1) return `at most one ${name} per request, got ${runs}; send each photo in its own request`;
  }
  let cost: number;
  try {
    cost = queryCost(schema, document, operation.name?.value, variables);
  } catch (error) {
    // Too many fields once fragments are spread, or variables that do not fit their types.
    const message = error instanceof Error ? error.message : String(error);
    return /maximum allowed number of nodes/.test(message)
      ? `query has more than ${MAX_EXPANDED_NODES} fields once its fragments are spread`
      : message;
  }
  if (cost > limits.maxCost) return `query cost ${cost} is over the limit of ${limits.maxCost}`;
  return null;
}

export function queryLimitsPlugin<T extends object>(limits: QueryLimits): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return; // Apollo has refused the request already
          const problem = checkQueryLimits(limits, schema, document, operation, request.variables);
          if (problem) throw queryLimitError(problem);
        },
      };
    },
  };
}
