// A match's answer: the photo with the garment's box beside the cutout that was embedded,
// then the matches as large thumbnails.
import type { Session } from '../session';
import { thumb } from '../ui/images';
import { Note } from '../ui/notices';
import { ConfirmMatch, MarkNewItem, Verdict } from './feedback';

export interface MatchAnswer {
  id?: string;
  verdict?: string;
  garmentFound: boolean;
  box: { x: number; y: number; width: number; height: number };
  cutout: string | null;
  matches: {
    score: number;
    item: { id: string; sku: string; name: string; category: string; quantity: number };
    image: { url: string };
  }[];
}

interface Props {
  session: Session;
  answer: MatchAnswer;
  photo: { url: string; width: number; height: number };
  /** Why there may be no matches, for the note shown then. */
  catalogueEmpty: boolean;
  filtered: boolean;
}

export function MatchResults({ session, answer, photo, catalogueEmpty, filtered }: Props) {
  const { box } = answer;
  const pct = (v: number, of: number) => `${((v / of) * 100).toFixed(2)}%`;
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title">Matches</h2>
      <Verdict verdict={answer.verdict} bestSku={answer.matches[0]?.item.sku} />
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
                <ConfirmMatch session={session} matchId={answer.id} itemId={m.item.id} sku={m.item.sku} />
              </li>
            ))}
          </ol>
        )}
      </div>
      <MarkNewItem session={session} matchId={answer.id} />
    </section>
  );
}
