// The answer to act on, above the matches: the garment is in the catalogue (the item, even
// when the filters left it out of the matches), a new item, or unsure (check the matches).
import { thumb } from '../ui/images';
import { FeedbackButton, type Feedback } from './feedback';
import type { MatchAnswer, MatchVerdict } from './match-results';

const TITLES: Record<MatchVerdict, string> = {
  IN_CATALOGUE: 'In the catalogue',
  NEW_ITEM: 'A new item: not in the catalogue',
  UNSURE: 'Unsure: check the matches',
};

interface Props {
  answer: MatchAnswer;
  /** The category the matches were narrowed to, if any. */
  category: string;
  /** Null when the server keeps no matches: no feedback is offered. */
  feedback: Feedback | null;
}

export function Verdict({ answer, category, feedback }: Props) {
  const { verdict, verdictMatch: found } = answer;
  const listed = found ? answer.matches.some((m) => m.item.id === found.item.id) : false;
  const why = !found
    ? ''
    : found.item.quantity === 0
      ? 'it is out of stock'
      : category && found.item.category !== category
        ? `it is in ${found.item.category}, not ${category}`
        : 'it is beyond the matches shown';
  return (
    <div class={`verdict verdict-${verdict.toLowerCase()}`}>
      <p class="verdict-title" role="status">
        {TITLES[verdict]}
      </p>
      {verdict === 'IN_CATALOGUE' && found && (
        <div class="verdict-item">
          <img src={thumb(found.image.url, 256)} alt={`${found.item.sku}, studio photo`} width={112} height={112} />
          <div>
            <a class="sku" href={`#/item/${found.item.id}`}>
              {found.item.sku}
            </a>
            <span class="name">{found.item.name}</span>
            <span class={found.item.quantity > 0 ? 'stock' : 'stock out'}>{found.item.quantity > 0 ? `${found.item.quantity} in stock` : 'Out of stock'}</span>
            <span class="score">Score {found.score.toFixed(3)}</span>
          </div>
        </div>
      )}
      {verdict === 'IN_CATALOGUE' && found && !listed && <p class="verdict-note">Not among the matches below: {why}.</p>}
      {verdict === 'NEW_ITEM' && <p class="verdict-note">No item in the catalogue is this garment: catalogue it.</p>}
      {verdict === 'UNSURE' && (
        <p class="verdict-note">{feedback ? 'Tap the item it is below, or “None of these” if it is a new one.' : 'Compare the photo with the matches below.'}</p>
      )}
      {feedback && verdict === 'IN_CATALOGUE' && found && <FeedbackButton primary feedback={feedback} target={{ kind: 'item', itemId: found.item.id, sku: found.item.sku }} />}
      {feedback && verdict === 'NEW_ITEM' && <FeedbackButton primary feedback={feedback} target={{ kind: 'new-item' }} />}
    </div>
  );
}
