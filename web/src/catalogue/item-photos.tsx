// An item's studio photos for merchandisers: make one the primary, remove one (never the
// last), add more (with the near-duplicate warnings the API gives for them).
import { useState } from 'preact/hooks';
import { graphql } from '../api/graphql';
import type { Session } from '../session';
import { thumb } from '../ui/images';
import { ErrorNotice, Note } from '../ui/notices';
import { USER_ERRORS, UserErrors, type UserError } from '../ui/user-errors';
import type { Item } from './item-page';
import { PhotoDrop } from './photo-drop';

type Answer = { catalogueItem: Item | null; userErrors: UserError[]; warnings?: string[] };

export function ItemPhotos({ session, item, fields, onChanged }: { session: Session; item: Item; fields: string; onChanged: (item: Item) => void }) {
  const [adding, setAdding] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<UserError[]>([]);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);

  const run = async (name: string, inputType: string, input: Record<string, unknown>, files: File[] = []) => {
    setBusy(true);
    setError(null);
    setProblems([]);
    setWarnings([]);
    try {
      const extra = name === 'catalogueItemImagesAdd' ? 'warnings' : '';
      const query = `mutation Photos($input: ${inputType}!) { ${name}(input: $input) { catalogueItem { ${fields} } ${extra} ${USER_ERRORS} } }`;
      const uploads = files.map((file, i) => ({ path: `variables.input.images.${i}`, file, name: file.name }));
      const data = await graphql<Record<string, Answer>>(query, { input }, { key: session.key, files: uploads });
      const answer = data[name];
      setProblems(answer.userErrors);
      setWarnings(answer.warnings ?? []);
      if (answer.catalogueItem) {
        onChanged(answer.catalogueItem);
        setAdding([]);
      }
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="photos-title">
      <h2 id="photos-title">Photos</h2>
      <UserErrors errors={problems} />
      {warnings.map((w) => (
        <Note key={w}>{w}</Note>
      ))}
      {error !== null && <ErrorNotice error={error} />}
      <ul class="thumbs" aria-label="Change photos">
        {item.images.map((image, i) => (
          <li key={image.id}>
            <img src={thumb(image.url, 128)} alt={`Photo ${i + 1}${image.primary ? ' (primary)' : ''}`} />
            {!image.primary && (
              <button type="button" class="link" disabled={busy} aria-label={`Make photo ${i + 1} the primary one`} onClick={() => run('catalogueItemImageSetPrimary', 'CatalogueItemImageSetPrimaryInput', { imageId: image.id })}>
                Make primary
              </button>
            )}
            {item.images.length > 1 && (
              <button type="button" class="link" disabled={busy} aria-label={`Remove photo ${i + 1}`} onClick={() => confirm('Remove this photo?') && run('catalogueItemImageRemove', 'CatalogueItemImageRemoveInput', { imageId: image.id })}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      <PhotoDrop files={adding} onChange={setAdding} />
      <button
        type="button"
        disabled={busy || !adding.length}
        onClick={() => run('catalogueItemImagesAdd', 'CatalogueItemImagesAddInput', { itemId: item.id, images: adding.map(() => null) }, adding)}
      >
        {busy ? 'Working…' : 'Add these photos'}
      </button>
    </section>
  );
}
