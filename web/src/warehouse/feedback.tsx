// Feedback on a match: "This is <SKU>" (matchConfirm) and "None of these: a new item"
// (matchMarkNewItem), given once per match (README, "Feedback"). Offered only when the
// match answered a matchId (null when the server keeps no matches, FEEDBACK=off).
import { useEffect, useRef, useState } from 'preact/hooks';
import { graphql } from '../api/graphql';
import type { Session } from '../session';
import { ErrorNotice } from '../ui/notices';
import { USER_ERRORS, type UserError } from '../ui/user-errors';

const CONFIRM = `mutation MatchConfirm($input: MatchConfirmInput!) {
  matchConfirm(input: $input) { keptMatch { id feedback referenceImage { id } } ${USER_ERRORS} }
}`;
const MARK_NEW_ITEM = `mutation MatchMarkNewItem($input: MatchMarkNewItemInput!) {
  matchMarkNewItem(input: $input) { keptMatch { id feedback } ${USER_ERRORS} }
}`;

interface ConfirmAnswer {
  matchConfirm: { keptMatch: { id: string; feedback: 'CONFIRMED'; referenceImage: { id: string } | null } | null; userErrors: UserError[] };
}
interface MarkNewItemAnswer {
  matchMarkNewItem: { keptMatch: { id: string; feedback: 'NEW_ITEM' } | null; userErrors: UserError[] };
}

/** What the photo is said to be: one of the items, or a new one. */
export type Target = { kind: 'item'; itemId: string; sku: string } | { kind: 'new-item' };
const keyOf = (target: Target) => (target.kind === 'item' ? target.itemId : 'new-item');

type State =
  | { step: 'idle' }
  | { step: 'sending'; target: Target }
  | { step: 'recorded'; target: Target; text: string }
  /** `final`: no feedback can be given on this match any more (given already, or expired). */
  | { step: 'refused'; target: Target; text: string; final: boolean }
  | { step: 'failed'; target: Target; error: unknown };

export interface Feedback {
  state: State;
  addAsReference: boolean;
  setAddAsReference: (value: boolean) => void;
  /** Nothing more can be sent: a request is on its way, or the match has its feedback. */
  locked: boolean;
  give: (target: Target) => void;
}

/** The userErrors of a feedback mutation, in words for the person holding the phone. */
export function explain(errors: UserError[]): { text: string; final: boolean } {
  const onMatch = errors.find((e) => e.field?.at(-1) === 'matchId');
  if (onMatch?.code === 'TAKEN') return { text: 'Feedback was already given for this match (from this or another device): nothing more is needed.', final: true };
  if (onMatch?.code === 'NOT_FOUND') return { text: 'This match has expired (or was deleted), so it takes no feedback: take the photo again.', final: true };
  return { text: errors.map((e) => e.message).join(' '), final: false };
}

export function useFeedback(session: Session, matchId: string): Feedback {
  const [state, setState] = useState<State>({ step: 'idle' });
  const [addAsReference, setAddAsReference] = useState(false);
  const locked = state.step === 'sending' || state.step === 'recorded' || (state.step === 'refused' && state.final);

  const give = async (target: Target) => {
    if (locked) return;
    setState({ step: 'sending', target });
    try {
      let userErrors: UserError[];
      let text: string;
      if (target.kind === 'item') {
        const { matchConfirm } = await graphql<ConfirmAnswer>(CONFIRM, { input: { matchId, itemId: target.itemId, addAsReference } }, { key: session.key });
        userErrors = matchConfirm.userErrors;
        text = `Recorded: this is ${target.sku}.${matchConfirm.keptMatch?.referenceImage ? ' The photo was added to its studio photos.' : ''}`;
      } else {
        const { matchMarkNewItem } = await graphql<MarkNewItemAnswer>(MARK_NEW_ITEM, { input: { matchId } }, { key: session.key });
        userErrors = matchMarkNewItem.userErrors;
        text = 'Recorded: a new item, not in the catalogue.';
      }
      setState(userErrors.length ? { step: 'refused', target, ...explain(userErrors) } : { step: 'recorded', target, text });
    } catch (error) {
      setState({ step: 'failed', target, error });
    }
  };
  return { state, addAsReference, setAddAsReference, locked, give };
}

/** A message that takes the focus when it appears, so a keyboard user is not left on a button that went away. */
function Focused({ role, class: className, children }: { role: 'status' | 'alert'; class: string; children: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <p ref={ref} role={role} class={className} tabIndex={-1}>
      {children}
    </p>
  );
}

/** One big button for one answer, and what became of it when it was the one tapped. */
export function FeedbackButton({ feedback, target, primary }: { feedback: Feedback; target: Target; primary?: boolean }) {
  const { state } = feedback;
  const mine = state.step !== 'idle' && keyOf(state.target) === keyOf(target);
  const label = target.kind === 'item' ? `This is ${target.sku}` : 'None of these: a new item';
  if (mine && state.step === 'recorded') return <Focused role="status" class="feedback-recorded">{`✓ ${state.text}`}</Focused>;
  return (
    <>
      <button type="button" class={`big-button feedback${target.kind === 'new-item' ? ' new-item' : ''}${primary ? ' primary' : ''}`} disabled={feedback.locked} onClick={() => feedback.give(target)}>
        {mine && state.step === 'sending' ? 'Sending…' : label}
      </button>
      {mine && state.step === 'refused' && <Focused role="alert" class="notice error">{state.text}</Focused>}
      {mine && state.step === 'failed' && <ErrorNotice error={state.error} />}
    </>
  );
}

/** Whether a confirmation also adds the photo (its cutout) to the item's studio photos. */
export function AddAsReference({ feedback }: { feedback: Feedback }) {
  return (
    <label class="check add-reference">
      <input type="checkbox" checked={feedback.addAsReference} disabled={feedback.locked} onChange={(e) => feedback.setAddAsReference(e.currentTarget.checked)} />
      <span>
        Add this photo to the item I confirm <span class="muted">(so the next photo of it matches better)</span>
      </span>
    </label>
  );
}
