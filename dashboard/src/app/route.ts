/** The dashboard's pages, addressed by the URL hash so a reload or a shared link opens the same page. */
export type Route =
  | { readonly page: 'queue' }
  | { readonly page: 'roster' }
  | { readonly page: 'ops' }
  | { readonly page: 'me' }
  | { readonly page: 'patient'; readonly patientId: string };

export type Page = Route['page'];

export const QUEUE_ROUTE: Route = { page: 'queue' };

/** Patient ids are UUIDs (contracts patientSchema); anything else in the hash is not a patient page. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `#/patients` → the roster, `#/patients/<uuid>` → the patient page, `#/ops` → the operations view, `#/me` → the
 * patient portal; everything else
 * (empty, `#/`, unknown paths) → the queue.
 */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '');
  if (path === '/patients') return { page: 'roster' };
  if (path === '/ops') return { page: 'ops' };
  if (path === '/me') return { page: 'me' };
  const match = /^\/patients\/([^/?]+)$/.exec(path);
  const id = match?.[1];
  if (id !== undefined && UUID.test(id)) return { page: 'patient', patientId: id.toLowerCase() };
  return QUEUE_ROUTE;
}

export function routeHref(route: Route): string {
  switch (route.page) {
    case 'queue':
      return '#/';
    case 'roster':
      return '#/patients';
    case 'ops':
      return '#/ops';
    case 'me':
      return '#/me';
    case 'patient':
      return `#/patients/${route.patientId}`;
  }
}

export function patientHref(patientId: string): string {
  return routeHref({ page: 'patient', patientId });
}

/** id of each page's h1: focus moves there when the page changes, so keyboard and screen-reader users follow. */
export const PAGE_TITLE_ID = 'page-title';
