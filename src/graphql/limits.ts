// Validation rules that refuse a query before it runs: too deep, or too costly.
// Cost: 1 per field, times the page size for fields under a `first` argument (the
// literal value, or the maximum of 100 when it comes from a variable).
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

const MAX_FIRST = 100;

type Fragments = Record<string, FragmentDefinitionNode>;

function fragmentsOf(context: ValidationContext): Fragments {
  const fragments: Fragments = {};
  for (const definition of context.getDocument().definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

function depth(set: SelectionSetNode | undefined, fragments: Fragments, seen: Set<string>): number {
  if (!set) return 0;
  let deepest = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      deepest = Math.max(deepest, 1 + depth(selection.selectionSet, fragments, seen));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depth(selection.selectionSet, fragments, seen));
    } else {
      const name = selection.name.value;
      if (seen.has(name) || !fragments[name]) continue; // cycles are reported by NoFragmentCycles
      deepest = Math.max(deepest, depth(fragments[name].selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return deepest;
}

function pageSize(args: readonly { name: { value: string }; value: { kind: string; value?: unknown } }[]): number | null {
  const first = args.find((arg) => arg.name.value === 'first');
  if (!first) return null;
  if (first.value.kind === Kind.INT) return Math.max(1, Number(first.value.value));
  return MAX_FIRST;
}

function cost(set: SelectionSetNode | undefined, fragments: Fragments, seen: Set<string>): number {
  if (!set) return 0;
  let total = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      const size = pageSize(selection.arguments ?? []);
      // Paged fields multiply what is under them; short plain lists (images) count once.
      total += 1 + (size ?? 1) * cost(selection.selectionSet, fragments, seen);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      total += cost(selection.selectionSet, fragments, seen);
    } else {
      const name = selection.name.value;
      if (seen.has(name) || !fragments[name]) continue;
      total += cost(fragments[name].selectionSet, fragments, new Set([...seen, name]));
    }
  }
  return total;
}

function limitRule(measure: typeof depth, limit: number, what: string) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = fragmentsOf(context);
    return {
      OperationDefinition(node) {
        const value = measure(node.selectionSet, fragments, new Set());
        if (value > limit) {
          context.reportError(
            new GraphQLError(`query ${what} ${value} is over the limit of ${limit}`, {
              nodes: [node],
              extensions: { code: 'BAD_USER_INPUT' },
            }),
          );
        }
      },
    };
  };
}

export const depthLimit = (max: number) => limitRule(depth, max, 'depth');
export const costLimit = (max: number) => limitRule(cost, max, 'cost');
