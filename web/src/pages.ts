// Every page, the role it needs and where it sits in the navigation. A page a key's role
// cannot use is left out of its navigation and, if opened by link, explained (forbidden.tsx).
import type { ComponentType } from 'preact';
import type { Role, Session } from './session';
import { lazyPage } from './ui/lazy';
import WarehousePage from './warehouse/warehouse-page';

export interface PageProps {
  session: Session;
  /** The part of the route after the page's own, e.g. an item id. */
  param: string;
}

export interface Page {
  route: string;
  /** In the navigation; pages without one are reached by links (an item's page). */
  label?: string;
  role: Role;
  component: ComponentType<PageProps>;
}

export const PAGES: Page[] = [
  { route: '/match', label: 'Match a photo', role: 'WAREHOUSE', component: WarehousePage },
  { route: '/catalogue', label: 'Catalogue', role: 'WAREHOUSE', component: lazyPage(() => import('./catalogue/catalogue-page')) },
  { route: '/item/', role: 'WAREHOUSE', component: lazyPage(() => import('./catalogue/item-page')) },
  { route: '/new-item', label: 'Add item', role: 'MERCHANDISER', component: lazyPage(() => import('./catalogue/add-item-page')) },
  { route: '/import', label: 'Import CSV', role: 'MERCHANDISER', component: lazyPage(() => import('./catalogue/import-page')) },
  { route: '/admin/keys', label: 'API keys', role: 'ADMIN', component: lazyPage(() => import('./admin/keys-page')) },
  { route: '/admin/index', label: 'Index and models', role: 'ADMIN', component: lazyPage(() => import('./admin/index-page')) },
];

/** The page for a route and the rest of the route after it; routes ending in / take a parameter. */
export function findPage(route: string): { page: Page; param: string } | null {
  for (const page of PAGES) {
    if (page.route.endsWith('/') ? route.startsWith(page.route) && route.length > page.route.length : route === page.route) {
      return { page, param: decodeURIComponent(route.slice(page.route.length)) };
    }
  }
  return null;
}
