// Browse and search the catalogue: text (name or SKU), category, stock; pages of 24 by
// cursor, forward and back.
import { useState } from 'preact/hooks';
import { graphql } from '../api/graphql';
import type { PageProps } from '../pages';
import { allows } from '../session';
import { thumb } from '../ui/images';
import { ErrorNotice, Note } from '../ui/notices';
import { useApi } from '../ui/use-api';

const PAGE_SIZE = 24;
const ITEMS = `query CatalogueItems($first: Int, $after: String, $last: Int, $before: String, $filter: CatalogueItemFilter) {
  catalogueItems(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: { field: NAME }) {
    totalCount
    nodes { id sku name category quantity retired primaryImage { url } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

interface ItemsPage {
  totalCount: number;
  nodes: { id: string; sku: string; name: string; category: string; quantity: number; retired: boolean; primaryImage: { url: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

interface Filter {
  text: string;
  category: string;
  stock: '' | 'in' | 'out';
  includeRetired: boolean;
}
type Cursor = { after?: string; before?: string };

export default function CataloguePage({ session }: PageProps) {
  const [filter, setFilter] = useState<Filter>({ text: '', category: '', stock: '', includeRetired: false });
  const [draft, setDraft] = useState<Filter>(filter);
  const [cursor, setCursor] = useState<Cursor>({});
  const items = useApi(() => {
    const vars = {
      ...(cursor.before ? { last: PAGE_SIZE, before: cursor.before } : { first: PAGE_SIZE, after: cursor.after ?? null }),
      filter: {
        text: filter.text.trim() || null,
        category: filter.category.trim() || null,
        inStock: filter.stock === '' ? null : filter.stock === 'in',
        includeRetired: filter.includeRetired,
      },
    };
    return graphql<{ catalogueItems: ItemsPage }>(ITEMS, vars, { key: session.key }).then((d) => d.catalogueItems);
  }, [filter, cursor]);
  const search = (e: Event) => {
    e.preventDefault();
    setFilter(draft);
    setCursor({});
  };
  const page = items.data;
  return (
    <div>
      <h1>Catalogue</h1>
      {allows(session.role, 'MERCHANDISER') && (
        <p class="row">
          <a href="#/new-item">Add an item</a> <a href="#/import">Import a CSV</a>
        </p>
      )}
      <form class="filters" role="search" aria-label="Catalogue" onSubmit={search}>
        <label>
          Name or SKU contains
          <input type="search" value={draft.text} onInput={(e) => setDraft({ ...draft, text: e.currentTarget.value })} />
        </label>
        <label>
          Category
          <input value={draft.category} onInput={(e) => setDraft({ ...draft, category: e.currentTarget.value })} />
        </label>
        <label>
          Stock
          <select value={draft.stock} onChange={(e) => setDraft({ ...draft, stock: e.currentTarget.value as Filter['stock'] })}>
            <option value="">Any</option>
            <option value="in">In stock</option>
            <option value="out">Out of stock</option>
          </select>
        </label>
        <label class="check">
          <input type="checkbox" checked={draft.includeRetired} onChange={(e) => setDraft({ ...draft, includeRetired: e.currentTarget.checked })} />
          Include retired items
        </label>
        <button type="submit" class="primary">
          Search
        </button>
      </form>
      {items.error !== null && <ErrorNotice error={items.error} onRetry={items.reload} />}
      {items.loading && <p aria-busy="true">Loading…</p>}
      {page && (
        <>
          <p role="status">{page.totalCount === 1 ? '1 item' : `${page.totalCount} items`}</p>
          {page.totalCount === 0 && (
            <Note>{filter.text || filter.category || filter.stock ? 'No item matches this search.' : 'The catalogue is empty.'}</Note>
          )}
          <ul class="grid" aria-label="Items">
            {page.nodes.map((item) => (
              <li key={item.id} class="card">
                <a href={`#/item/${item.id}`}>
                  <img src={thumb(item.primaryImage.url, 256)} alt="" loading="lazy" width={256} height={256} />
                  <span class="sku">{item.sku}</span>
                  <span>{item.name}</span>
                </a>
                <span class="muted">{item.category}</span>
                <span class={item.quantity > 0 ? 'stock' : 'stock out'}>{item.quantity > 0 ? `${item.quantity} in stock` : 'Out of stock'}</span>
                {item.retired && <span class="stock out">Retired</span>}
              </li>
            ))}
          </ul>
          <nav class="row" aria-label="Pages of items">
            <button type="button" disabled={!page.pageInfo.hasPreviousPage} onClick={() => setCursor({ before: page.pageInfo.startCursor ?? undefined })}>
              Previous page
            </button>
            <button type="button" disabled={!page.pageInfo.hasNextPage} onClick={() => setCursor({ after: page.pageInfo.endCursor ?? undefined })}>
              Next page
            </button>
          </nav>
        </>
      )}
    </div>
  );
}
