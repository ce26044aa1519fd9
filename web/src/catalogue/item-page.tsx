// One item: its photos, attributes and stock; merchandisers edit it, set its stock and
// retire (or restore) it, and change its photos (item-photos.tsx).
import { useState } from 'preact/hooks';
import { graphql } from '../api/graphql';
import type { PageProps } from '../pages';
import { allows, type Session } from '../session';
import { thumb } from '../ui/images';
import { ErrorNotice, Note } from '../ui/notices';
import { useApi } from '../ui/use-api';
import { USER_ERRORS, UserErrors, type UserError } from '../ui/user-errors';
import { attributesToText, textToAttributes } from './attributes';
import { ItemPhotos } from './item-photos';

const FIELDS = 'id sku name category attributes quantity retired retiredAt createdAt updatedAt images { id url width height primary }';
const ITEM = `query Item($id: ID!) { catalogueItem(by: { id: $id }) { ${FIELDS} } }`;

export interface Item {
  id: string;
  sku: string;
  name: string;
  category: string;
  attributes: Record<string, unknown>;
  quantity: number;
  retired: boolean;
  retiredAt: string | null;
  createdAt: string;
  updatedAt: string;
  images: { id: string; url: string; width: number; height: number; primary: boolean }[];
}

/** Runs an item mutation; answers the item, or throws its userErrors. */
async function change(session: Session, name: string, inputType: string, input: Record<string, unknown>): Promise<Item | UserError[]> {
  const query = `mutation Change($input: ${inputType}!) { ${name}(input: $input) { catalogueItem { ${FIELDS} } ${USER_ERRORS} } }`;
  const data = await graphql<Record<string, { catalogueItem: Item | null; userErrors: UserError[] }>>(query, { input }, { key: session.key });
  return data[name].catalogueItem ?? data[name].userErrors;
}

export default function ItemPage({ session, param: id }: PageProps) {
  const loaded = useApi(() => graphql<{ catalogueItem: Item | null }>(ITEM, { id }, { key: session.key }).then((d) => d.catalogueItem), [id]);
  const [item, setItem] = useState<Item | null>(null);
  const shown = item ?? loaded.data;
  if (loaded.error) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  if (loaded.loading && !shown) return <p aria-busy="true">Loading…</p>;
  if (!shown) return <Note>There is no item with this id. <a href="#/catalogue">Back to the catalogue</a></Note>;
  const canEdit = allows(session.role, 'MERCHANDISER');
  return (
    <article>
      <p>
        <a href="#/catalogue">Catalogue</a>
      </p>
      <h1>
        {shown.name} <span class="sku">{shown.sku}</span>
      </h1>
      {shown.retired && <Note>Retired on {new Date(shown.retiredAt!).toLocaleString()}: left out of lists and matches until restored.</Note>}
      <ul class="grid" aria-label="Photos">
        {shown.images.map((image) => (
          <li key={image.id} class="card">
            <a href={image.url}>
              <img src={thumb(image.url, 512)} alt={`${shown.sku} photo${image.primary ? ' (primary)' : ''}`} />
            </a>
            <span class="muted">
              {image.width}×{image.height}
              {image.primary ? ', primary' : ''}
            </span>
          </li>
        ))}
      </ul>
      <table>
        <tbody>
          <tr>
            <th scope="row">Category</th>
            <td>{shown.category}</td>
          </tr>
          <tr>
            <th scope="row">Stock</th>
            <td>{shown.quantity}</td>
          </tr>
          {Object.entries(shown.attributes).map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{typeof v === 'string' ? v : JSON.stringify(v)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Added</th>
            <td>{new Date(shown.createdAt).toLocaleString()}</td>
          </tr>
        </tbody>
      </table>
      {canEdit && <ItemEditor session={session} item={shown} onChanged={setItem} />}
      {canEdit && <ItemPhotos session={session} item={shown} fields={FIELDS} onChanged={setItem} />}
    </article>
  );
}

function ItemEditor({ session, item, onChanged }: { session: Session; item: Item; onChanged: (item: Item) => void }) {
  const [fields, setFields] = useState({ sku: item.sku, name: item.name, category: item.category, attributes: attributesToText(item.attributes) });
  const [quantity, setQuantity] = useState(String(item.quantity));
  const [problems, setProblems] = useState<UserError[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState('');
  const run = async (what: string, name: string, inputType: string, input: Record<string, unknown>) => {
    setProblems([]);
    setError(null);
    setSaved('');
    try {
      const answer = await change(session, name, inputType, { id: item.id, ...input });
      if (Array.isArray(answer)) return setProblems(answer);
      onChanged(answer);
      setSaved(what);
    } catch (failure) {
      setError(failure);
    }
  };
  const save = (e: Event) => {
    e.preventDefault();
    void run('Saved.', 'catalogueItemUpdate', 'CatalogueItemUpdateInput', {
      sku: fields.sku,
      name: fields.name,
      category: fields.category,
      attributes: textToAttributes(fields.attributes),
    });
  };
  const setStock = (e: Event) => {
    e.preventDefault();
    void run('Stock set.', 'catalogueItemSetStock', 'CatalogueItemSetStockInput', { quantity: Number(quantity) });
  };
  return (
    <section aria-labelledby="edit-title">
      <h2 id="edit-title">Change this item</h2>
      <UserErrors errors={problems} />
      {error !== null && <ErrorNotice error={error} />}
      {saved && <p role="status">{saved}</p>}
      <form onSubmit={setStock} class="row">
        <label>
          Units in stock
          <input type="number" min={0} step={1} required value={quantity} onInput={(e) => setQuantity(e.currentTarget.value)} />
        </label>
        <button type="submit">Set stock</button>
      </form>
      <form onSubmit={save}>
        <label>
          SKU
          <input required value={fields.sku} onInput={(e) => setFields({ ...fields, sku: e.currentTarget.value })} />
        </label>
        <label>
          Name
          <input required value={fields.name} onInput={(e) => setFields({ ...fields, name: e.currentTarget.value })} />
        </label>
        <label>
          Category
          <input required value={fields.category} onInput={(e) => setFields({ ...fields, category: e.currentTarget.value })} />
        </label>
        <label>
          Attributes (one “name: value” per line)
          <textarea rows={4} value={fields.attributes} onInput={(e) => setFields({ ...fields, attributes: e.currentTarget.value })} />
        </label>
        <button type="submit" class="primary">
          Save changes
        </button>
      </form>
      <p>
        {item.retired ? (
          <button type="button" onClick={() => run('Restored.', 'catalogueItemRestore', 'CatalogueItemRestoreInput', {})}>
            Restore this item
          </button>
        ) : (
          <button type="button" class="danger" onClick={() => confirm(`Retire ${item.sku}? It leaves lists and matches until restored.`) && run('Retired.', 'catalogueItemRetire', 'CatalogueItemRetireInput', {})}>
            Retire this item
          </button>
        )}
      </p>
    </section>
  );
}
