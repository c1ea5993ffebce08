/**
 * The code of each page in the header, loaded on demand (issue 4: the operator's screen downloads
 * no charts). boot.ts starts the one the tab opens at before anything else runs (issue 19.4);
 * main.tsx makes each a React.lazy page, and renders at once one whose code has arrived.
 */
const loaded = new Map<() => Promise<unknown>, unknown>();

/** The loader, remembering its module once it has arrived (`loadedModule`). */
function remembered<M>(load: () => Promise<M>): () => Promise<M> {
  const wrapped = () =>
    load().then((m) => {
      loaded.set(wrapped, m);
      return m;
    });
  return wrapped;
}

/** The module `load` brought, if it has arrived. */
export function loadedModule<M>(load: () => Promise<M>): M | undefined {
  return loaded.get(load) as M | undefined;
}

export const pageLoaders = {
  '/operator': remembered(() => import('./pages/operator-page')),
  '/supervisor': remembered(() => import('./pages/supervisor-page')),
  '/unit': remembered(() => import('./pages/unit-page')),
  '/revisit': remembered(() => import('./pages/revisit-page')),
  '/decisions': remembered(() => import('./pages/decisions-page')),
  '/rules': remembered(() => import('./pages/rules-page')),
  '/calendar': remembered(() => import('./pages/calendar-page')),
  '/policies': remembered(() => import('./pages/policies-page')),
  '/units': remembered(() => import('./pages/units-page')),
  '/admin/users': remembered(() => import('./pages/admin-users-page')),
  '/wallboard': remembered(() => import('./pages/wallboard-page')),
  '/knowledge': remembered(() => import('./pages/knowledge-page')),
  '/reports': remembered(() => import('./pages/reports-page')),
  '/supervision': remembered(() => import('./pages/supervision-page')),
  '/admin/api-keys': remembered(() => import('./pages/admin-api-keys-page')),
  '/staffing': remembered(() => import('./pages/staffing-page')),
};

/**
 * Starts downloading the page at `path`, if it is one of them; settles once it is here (or failed
 * to come). Only the page: the query cache's live handlers and socket.io's client load when the
 * tab's live connection starts (main.tsx), after the page's first render. Started here beside the
 * page, they were evaluated before it — every resource's schemas built while the operator waited
 * for the form — and the form took keystrokes later, the feed live no sooner
 * (docs/decisions/first-load.md has the measurements).
 */
export function preloadPage(path: string): Promise<unknown> {
  const load = (pageLoaders as Record<string, (() => Promise<unknown>) | undefined>)[path];
  if (!load) return Promise.resolve();
  return load().catch(() => undefined);
}
