// The warehouse page, phone first: one tap on "Take a photo" (or "Choose a photo") and the
// match starts by itself: the photo is made small here, uploaded with a progress bar and a
// cancel button, and the matches replace it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { graphql } from '../api/graphql';
import { ApiError } from '../api/errors';
import type { PageProps } from '../pages';
import { ErrorNotice, Note, Progress } from '../ui/notices';
import { checkPhoto, downscale } from './downscale';
import { MATCH_ANSWER, MATCH_FIELDS, MatchResults, type MatchAnswer } from './match-results';
import { PhotoButtons } from './photo-buttons';

const MATCH = `mutation MatchSnapshot($image: Upload!, $category: String, $includeOutOfStock: Boolean) {
  matchSnapshot(image: $image, limit: 8, category: $category, includeOutOfStock: $includeOutOfStock, cutout: DATA_URL) {
    ${MATCH_ANSWER}
  }
}
${MATCH_FIELDS}`;

// Categories for the filter come from the first 100 items (the API has no list of categories).
const START = `query WarehouseStart {
  indexStatus { itemsIndexed problem }
  catalogueItems(first: 100, orderBy: { field: NAME }) { nodes { category } }
}`;

type Step =
  | { kind: 'idle' }
  | { kind: 'preparing' }
  | { kind: 'uploading'; sent: number; total: number }
  | { kind: 'matching' }
  | { kind: 'done'; answer: MatchAnswer; category: string; filtered: boolean; seq: number }
  | { kind: 'failed'; error: unknown };

export default function WarehousePage({ session }: PageProps) {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [photo, setPhoto] = useState<{ url: string; width: number; height: number } | null>(null);
  const [category, setCategory] = useState('');
  const [includeOutOfStock, setIncludeOutOfStock] = useState(false);
  const [start, setStart] = useState<{ categories: string[]; itemsIndexed: number; problem: string | null } | null>(null);
  const [startError, setStartError] = useState<unknown>(null);
  const cancel = useRef<AbortController | null>(null);
  const matches = useRef(0);

  const loadStart = () => {
    setStartError(null);
    graphql<{ indexStatus: { itemsIndexed: number; problem: string | null }; catalogueItems: { nodes: { category: string }[] } }>(START, {}, { key: session.key }).then(
      (data) =>
        setStart({
          categories: [...new Set(data.catalogueItems.nodes.map((n) => n.category))].sort(),
          itemsIndexed: data.indexStatus.itemsIndexed,
          problem: data.indexStatus.problem,
        }),
      setStartError,
    );
  };
  useEffect(loadStart, []);
  useEffect(() => () => cancel.current?.abort(), []);

  const match = async (file: File) => {
    cancel.current?.abort();
    const controller = new AbortController();
    cancel.current = controller;
    try {
      checkPhoto(file);
      setStep({ kind: 'preparing' });
      const small = await downscale(file, file.name);
      if (photo) URL.revokeObjectURL(photo.url);
      setPhoto({ url: URL.createObjectURL(small.blob), width: small.width, height: small.height });
      setStep({ kind: 'uploading', sent: 0, total: small.blob.size });
      const data = await graphql<{ matchSnapshot: MatchAnswer }>(
        MATCH,
        { image: null, category: category || null, includeOutOfStock },
        {
          key: session.key,
          files: [{ path: 'variables.image', file: small.blob, name: 'snapshot.jpg' }],
          signal: controller.signal,
          onUploadProgress: (sent, total) => setStep({ kind: 'uploading', sent, total }),
          onUploaded: () => setStep({ kind: 'matching' }),
        },
      );
      setStep({ kind: 'done', answer: data.matchSnapshot, category, filtered: Boolean(category) || !includeOutOfStock, seq: ++matches.current });
    } catch (error) {
      setStep(error instanceof ApiError && error.kind === 'aborted' ? { kind: 'idle' } : { kind: 'failed', error });
    }
  };

  const busy = step.kind === 'preparing' || step.kind === 'uploading' || step.kind === 'matching';
  return (
    <div class="warehouse">
      <h1>Match a photo</h1>
      {startError !== null && <ErrorNotice error={startError} onRetry={loadStart} />}
      {start?.problem && <Note>Matching is off on the server: {start.problem}</Note>}
      {start && !start.problem && start.itemsIndexed === 0 && <Note>The catalogue is empty: there is nothing to match against yet.</Note>}
      <PhotoButtonsAndFilters
        busy={busy}
        onPhoto={match}
        categories={start?.categories ?? []}
        category={category}
        setCategory={setCategory}
        includeOutOfStock={includeOutOfStock}
        setIncludeOutOfStock={setIncludeOutOfStock}
      />
      {busy && (
        <div class="working">
          <Progress
            label={step.kind === 'preparing' ? 'Preparing the photo…' : step.kind === 'uploading' ? `Uploading ${Math.round(step.sent / 1024)} of ${Math.round(step.total / 1024)} KB…` : 'Matching…'}
            value={step.kind === 'uploading' && step.total ? step.sent / step.total : null}
          />
          <button type="button" class="big-button" onClick={() => cancel.current?.abort()}>
            Cancel
          </button>
        </div>
      )}
      {step.kind === 'failed' && <ErrorNotice error={step.error} />}
      {step.kind === 'done' && photo && (
        <MatchResults
          key={step.seq}
          session={session}
          answer={step.answer}
          photo={photo}
          catalogueEmpty={start?.itemsIndexed === 0}
          category={step.category}
          filtered={step.filtered}
        />
      )}
    </div>
  );
}

interface ControlsProps {
  busy: boolean;
  onPhoto: (file: File) => void;
  categories: string[];
  category: string;
  setCategory: (c: string) => void;
  includeOutOfStock: boolean;
  setIncludeOutOfStock: (v: boolean) => void;
}

function PhotoButtonsAndFilters(p: ControlsProps) {
  return (
    <>
      <PhotoButtons onPhoto={p.onPhoto} disabled={p.busy} />
      <fieldset class="filters">
        <legend>Filters</legend>
        <label>
          Category
          <select value={p.category} onChange={(e) => p.setCategory(e.currentTarget.value)}>
            <option value="">All categories</option>
            {p.categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label class="check">
          <input type="checkbox" checked={p.includeOutOfStock} onChange={(e) => p.setIncludeOutOfStock(e.currentTarget.checked)} />
          Include out of stock
        </label>
      </fieldset>
    </>
  );
}
