// A new item with several studio photos. The server embeds them and answers the existing
// items that look the same (nearDuplicates): shown with their thumbnails, so a merchandiser
// sees at once whether the item was already there.
import { useRef, useState } from 'preact/hooks';
import { graphql } from '../api/graphql';
import { ApiError } from '../api/errors';
import type { PageProps } from '../pages';
import { thumb } from '../ui/images';
import { ErrorNotice, Progress } from '../ui/notices';
import { USER_ERRORS, UserErrors, type UserError } from '../ui/user-errors';
import { textToAttributes } from './attributes';
import { PhotoDrop } from './photo-drop';

const CREATE = `mutation CreateItem($input: CatalogueItemCreateInput!) {
  catalogueItemCreate(input: $input) {
    catalogueItem { id sku images { id } }
    warnings
    nearDuplicates { score item { id sku name } image { url } }
    ${USER_ERRORS}
  }
}`;

interface Created {
  catalogueItem: { id: string; sku: string; images: { id: string }[] } | null;
  warnings: string[];
  nearDuplicates: { score: number; item: { id: string; sku: string; name: string }; image: { url: string } }[];
  userErrors: UserError[];
}

const EMPTY = { sku: '', name: '', category: '', quantity: '1', attributes: '' };

export default function AddItemPage({ session }: PageProps) {
  const [fields, setFields] = useState(EMPTY);
  const [photos, setPhotos] = useState<File[]>([]);
  const [progress, setProgress] = useState<number | null | undefined>(undefined);
  const [answer, setAnswer] = useState<Created | null>(null);
  const [error, setError] = useState<unknown>(null);
  const cancel = useRef<AbortController | null>(null);
  const set = (name: keyof typeof EMPTY) => (e: Event) => setFields({ ...fields, [name]: (e.currentTarget as HTMLInputElement).value });

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setAnswer(null);
    if (!photos.length) return setError(new Error('Add at least one studio photo.'));
    const controller = new AbortController();
    cancel.current = controller;
    setProgress(0);
    try {
      const input = {
        sku: fields.sku,
        name: fields.name,
        category: fields.category,
        quantity: Number(fields.quantity),
        attributes: textToAttributes(fields.attributes),
        images: photos.map(() => null),
      };
      const data = await graphql<{ catalogueItemCreate: Created }>(CREATE, { input }, {
        key: session.key,
        files: photos.map((file, i) => ({ path: `variables.input.images.${i}`, file, name: file.name })),
        signal: controller.signal,
        onUploadProgress: (sent, total) => setProgress(total ? sent / total : null),
        onUploaded: () => setProgress(null),
      });
      setAnswer(data.catalogueItemCreate);
      if (data.catalogueItemCreate.catalogueItem) {
        setFields(EMPTY);
        setPhotos([]);
      }
    } catch (failure) {
      if (!(failure instanceof ApiError && failure.kind === 'aborted')) setError(failure);
    } finally {
      setProgress(undefined);
    }
  };

  const busy = progress !== undefined;
  return (
    <div>
      <h1>Add an item</h1>
      {answer?.catalogueItem && (
        <p class="notice" role="status">
          Added <a href={`#/item/${answer.catalogueItem.id}`}>{answer.catalogueItem.sku}</a> with {answer.catalogueItem.images.length} photo
          {answer.catalogueItem.images.length > 1 ? 's' : ''}.
        </p>
      )}
      {answer && <NearDuplicates answer={answer} />}
      {answer && <UserErrors errors={answer.userErrors} />}
      {error !== null && <ErrorNotice error={error} />}
      <form onSubmit={submit}>
        <label>
          SKU
          <input required value={fields.sku} onInput={set('sku')} />
        </label>
        <label>
          Name
          <input required value={fields.name} onInput={set('name')} />
        </label>
        <label>
          Category
          <input required value={fields.category} onInput={set('category')} />
        </label>
        <label>
          Units in stock
          <input type="number" min={0} step={1} required value={fields.quantity} onInput={set('quantity')} />
        </label>
        <label>
          Attributes (one “name: value” per line, e.g. colour: red)
          <textarea rows={3} value={fields.attributes} onInput={set('attributes')} />
        </label>
        <PhotoDrop files={photos} onChange={setPhotos} />
        {busy ? (
          <div class="working">
            <Progress label={progress === null ? 'Checking the photos…' : 'Uploading…'} value={progress ?? null} />
            <button type="button" onClick={() => cancel.current?.abort()}>
              Cancel
            </button>
          </div>
        ) : (
          <button type="submit" class="primary">
            Add item
          </button>
        )}
      </form>
    </div>
  );
}

function NearDuplicates({ answer }: { answer: Created }) {
  if (!answer.nearDuplicates.length && !answer.warnings.length) return null;
  return (
    <section class="notice" aria-labelledby="dup-title">
      <h2 id="dup-title">Possible duplicates</h2>
      {answer.warnings.map((w) => (
        <p key={w}>{w}</p>
      ))}
      <ul class="grid" aria-label="Similar items">
        {answer.nearDuplicates.map((d) => (
          <li key={d.item.id} class="card">
            <a href={`#/item/${d.item.id}`}>
              <img src={thumb(d.image.url, 256)} alt="" />
              <span class="sku">{d.item.sku}</span>
              <span>{d.item.name}</span>
            </a>
            <span class="score">Score {d.score.toFixed(3)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
