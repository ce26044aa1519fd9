// The input of a feedback mutation, filled by type from what the schema says it takes: the
// ID field named like "item" gets the item's id, any other ID field the match's. Null when
// a required field is one this app cannot fill (then no button is offered).
import type { MutationShape } from '../../schema-features';

export function feedbackInput(shape: MutationShape | null, ids: { matchId: string; itemId?: string }): Record<string, string> | null {
  if (!shape) return null;
  const input: Record<string, string> = {};
  for (const field of shape.input) {
    const value = field.type === 'ID' ? (/item/i.test(field.name) ? ids.itemId : ids.matchId) : undefined;
    if (value !== undefined) input[field.name] = value;
    else if (field.required) return null;
  }
  return input;
}
