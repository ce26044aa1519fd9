// A match's answer: the verdict first (with the feedback buttons when the server keeps
// matches), then the photo with the garment's box beside the cutout that was embedded,
// then the matches as large thumbnails, each with "This is <SKU>".
import type { Session } from '../session';
import { thumb } from '../ui/images';
import { Note } from '../ui/notices';
import { AddAsReference, FeedbackButton, useFeedback, type Feedback } from './feedback';
import { Verdict } from './verdict';

export type MatchVerdict = 'IN_CATALOGUE' | 'NEW_ITEM' | 'UNSURE';

export interface Match {
  score: number;
  item: { id: string; sku: string; name: string; category: string; quantity: number };
  image: { url: string };
}

export interface MatchAnswer {
  verdict: MatchVerdict;
  verdictMatch: Match | null;
  /** Null when the server keeps no matches (FEEDBACK=off): no feedback then. */
  matchId: string | null;
  garmentFound: boolean;
  box: { x: number; y: number; width: number; height: number };
  cutout: string | null;
  matches: Match[];
}

/** matchSnapshot's selection for MatchAnswer. */
export const MATCH_ANSWER = `matchId
    verdict
    verdictMatch { ...MatchFields }
    garmentFound
    box { x y width height }
    cutout
    matches { ...MatchFields }`;
export const MATCH_FIELDS = 'fragment MatchFields on Match { score item { id sku name category quantity } image { url } }';

interface Props {
  session: Session;
  answer: MatchAnswer;
  photo: { url: string; width: number; height: number };
  /** Why there may be no matches, for the note shown then. */
  catalogueEmpty: boolean;
  category: string;
  filtered: boolean;
}

/** Keyed by matchId by its caller, so each match starts with fresh feedback. */
export function MatchResults(props: Props) {
  return props.answer.matchId ? <WithFeedback {...props} matchId={props.answer.matchId} /> : <Results {...props} feedback={null} />;
}

function WithFeedback(props: Props & { matchId: string }) {
  const feedback = useFeedback(props.session, props.matchId);
  return <Results {...props} feedback={feedback} />;
}

function Results({ answer, photo, catalogueEmpty, category, filtered, feedback }: Props & { feedback: Feedback | null }) {
  const { box } = answer;
  const pct = (v: number, of: number) => `${((v / of) * 100).toFixed(2)}%`;
  // The verdict's own item is confirmed from the verdict; its card here says so instead.
  const answered = answer.verdict === 'IN_CATALOGUE' ? answer.verdictMatch?.item.id : undefined;
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title">Matches</h2>
      <Verdict answer={answer} category={category} feedback={feedback} />
      {feedback && answer.matches.length > 0 && <AddAsReference feedback={feedback} />}
      <div class="results">
        <div>
          <div class="photo-pair">
            <figure>
              <div class="boxed">
                <img src={photo.url} alt="Your photo" width={photo.width} height={photo.height} />
                {answer.garmentFound && (
                  <div
                    class="garment-box"
                    aria-hidden="true"
                    style={{ left: pct(box.x, photo.width), top: pct(box.y, photo.height), width: pct(box.width, photo.width), height: pct(box.height, photo.height) }}
                  />
                )}
              </div>
              <figcaption>Your photo{answer.garmentFound ? ', garment boxed' : ''}</figcaption>
            </figure>
            {answer.cutout && (
              <figure>
                <img src={answer.cutout} alt="The garment cut out, as it was matched" />
                <figcaption>Cutout</figcaption>
              </figure>
            )}
          </div>
          {!answer.garmentFound && (
            <Note>No garment was found in the photo, so the whole photo was matched. For better matches, photograph the garment alone, closer.</Note>
          )}
        </div>
        {answer.matches.length === 0 ? (
          <Note>
            {catalogueEmpty
              ? 'The catalogue is empty: nothing to match against yet. A merchandiser adds items first.'
              : `No item matched${filtered ? ' with these filters: try another category or include out-of-stock items' : ''}.`}
          </Note>
        ) : (
          <ol class="matches" aria-label="Matching items, best first">
            {answer.matches.map((m) => (
              <li key={m.item.id} class="match">
                <a href={`#/item/${m.item.id}`}>
                  <img src={thumb(m.image.url, 256)} srcset={`${thumb(m.image.url, 256)} 256w, ${thumb(m.image.url, 512)} 512w`} sizes="(max-width: 600px) 50vw, 260px" alt="" />
                  <span class="sku">{m.item.sku}</span>
                  <span class="name">{m.item.name}</span>
                </a>
                <span class={m.item.quantity > 0 ? 'stock' : 'stock out'}>{m.item.quantity > 0 ? `${m.item.quantity} in stock` : 'Out of stock'}</span>
                <span class="score">Score {m.score.toFixed(3)}</span>
                {feedback &&
                  (m.item.id === answered ? (
                    <span class="muted answered">The answer above</span>
                  ) : (
                    <FeedbackButton feedback={feedback} target={{ kind: 'item', itemId: m.item.id, sku: m.item.sku }} />
                  ))}
              </li>
            ))}
          </ol>
        )}
      </div>
      {feedback && answer.verdict !== 'NEW_ITEM' && <FeedbackButton feedback={feedback} target={{ kind: 'new-item' }} />}
    </section>
  );
}
