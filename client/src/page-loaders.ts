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

/**
 * antd's rules for the components only other pages render (tables, menus, tabs, date pickers…:
 * client/antd-stylesheet.ts) load with those pages' code, and the page renders once both are
 * here; the operator's and the login screen's first load goes without them.
 */
export function withSecondaryStyles<M>(load: () => Promise<M>): () => Promise<M> {
  return () => Promise.all([load(), import('./secondary-stylesheet')]).then(([m]) => m);
}

export const pageLoaders = {
  '/operator': remembered(() => import('./pages/operator-page')),
  '/supervisor': remembered(withSecondaryStyles(() => import('./pages/supervisor-page'))),
  '/unit': remembered(withSecondaryStyles(() => import('./pages/unit-page'))),
  '/revisit': remembered(withSecondaryStyles(() => import('./pages/revisit-page'))),
  '/decisions': remembered(withSecondaryStyles(() => import('./pages/decisions-page'))),
  '/rules': remembered(withSecondaryStyles(() => import('./pages/rules-page'))),
  '/calendar': remembered(withSecondaryStyles(() => import('./pages/calendar-page'))),
  '/policies': remembered(withSecondaryStyles(() => import('./pages/policies-page'))),
  '/units': remembered(withSecondaryStyles(() => import('./pages/units-page'))),
  '/admin/users': remembered(withSecondaryStyles(() => import('./pages/admin-users-page'))),
  '/wallboard': remembered(withSecondaryStyles(() => import('./pages/wallboard-page'))),
  '/knowledge': remembered(withSecondaryStyles(() => import('./pages/knowledge-page'))),
  '/reports': remembered(withSecondaryStyles(() => import('./pages/reports-page'))),
  '/supervision': remembered(withSecondaryStyles(() => import('./pages/supervision-page'))),
  '/admin/api-keys': remembered(withSecondaryStyles(() => import('./pages/admin-api-keys-page'))),
  '/staffing': remembered(withSecondaryStyles(() => import('./pages/staffing-page'))),
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
