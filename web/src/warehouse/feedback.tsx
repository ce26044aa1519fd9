// Feedback on a match (issue 10: `confirmMatch`, `markNewItem`, and MatchResult's `id` and
// `verdict`), being added to the API separately. Shown only when the schema the app was
// built from has them (__SCHEMA_FEATURES__, web/schema-features.ts); their inputs are
// filled by type (feedback-input.ts). Everything about feedback is in these files.
import { useState } from 'preact/hooks';
import { graphql } from '../api/graphql';
import type { MutationShape } from '../../schema-features';
import type { Session } from '../session';
import { ErrorNotice } from '../ui/notices';
import { feedbackInput } from './feedback-input';

const FEATURES = __SCHEMA_FEATURES__;

/** The fields to add to matchSnapshot's selection for what this schema offers. */
export const EXTRA_RESULT_FIELDS = [FEATURES.verdict ? 'verdict' : '', FEATURES.matchId ? 'id' : ''].join(' ');

async function send(session: Session, name: 'confirmMatch' | 'markNewItem', shape: MutationShape, input: Record<string, string>) {
  const query = `mutation Feedback($input: ${shape.inputType}!) { ${name}(input: $input) { userErrors { message } } }`;
  const data = await graphql<Record<string, { userErrors: { message: string }[] }>>(query, { input }, { key: session.key });
  const problems = data[name].userErrors;
  if (problems.length) throw new Error(problems.map((p) => p.message).join(' '));
}

type State = { kind: 'idle' } | { kind: 'sending' } | { kind: 'sent'; text: string } | { kind: 'failed'; error: unknown };

function FeedbackButton(props: { session: Session; name: 'confirmMatch' | 'markNewItem'; input: Record<string, string> | null; label: string; done: string }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const shape = FEATURES[props.name];
  if (!props.input || !shape) return null;
  if (state.kind === 'sent') return <p role="status" class="sent">{state.text}</p>;
  const tap = () => {
    setState({ kind: 'sending' });
    send(props.session, props.name, shape, props.input!).then(
      () => setState({ kind: 'sent', text: props.done }),
      (error) => setState({ kind: 'failed', error }),
    );
  };
  return (
    <>
      <button type="button" class="big-button" disabled={state.kind === 'sending'} onClick={tap}>
        {props.label}
      </button>
      {state.kind === 'failed' && <ErrorNotice error={state.error} />}
    </>
  );
}

export function ConfirmMatch({ session, matchId, itemId, sku }: { session: Session; matchId?: string; itemId: string; sku: string }) {
  const input = matchId && FEATURES.matchId ? feedbackInput(FEATURES.confirmMatch, { matchId, itemId }) : null;
  return <FeedbackButton session={session} name="confirmMatch" input={input} label={`This is ${sku}`} done={`Confirmed: ${sku}.`} />;
}

export function MarkNewItem({ session, matchId }: { session: Session; matchId?: string }) {
  const input = matchId && FEATURES.matchId ? feedbackInput(FEATURES.markNewItem, { matchId }) : null;
  return <FeedbackButton session={session} name="markNewItem" input={input} label="None of these: a new item" done="Recorded as a new item." />;
}

const VERDICTS: Record<string, string> = {
  IN_CATALOGUE: 'In the catalogue',
  NEW_ITEM: 'Not in the catalogue: a new item',
  UNSURE: 'Unsure: check the matches below',
};

export function Verdict({ verdict, bestSku }: { verdict?: string; bestSku?: string }) {
  if (!verdict) return null;
  const text = VERDICTS[verdict] ?? verdict;
  return (
    <p class={`verdict verdict-${verdict.toLowerCase()}`} role="status">
      {text}
      {verdict === 'IN_CATALOGUE' && bestSku ? `: ${bestSku}` : ''}
    </p>
  );
}
