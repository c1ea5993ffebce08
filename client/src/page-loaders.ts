/**
 * The code of each page in the header, loaded on demand (issue 4: the operator's screen downloads
 * no charts). boot.ts starts the one the tab opens at before anything else runs (issue 19.4);
 * main.tsx makes each a React.lazy page.
 */
export const pageLoaders = {
  '/operator': () => import('./pages/operator-page'),
  '/supervisor': () => import('./pages/supervisor-page'),
  '/unit': () => import('./pages/unit-page'),
  '/revisit': () => import('./pages/revisit-page'),
  '/decisions': () => import('./pages/decisions-page'),
  '/rules': () => import('./pages/rules-page'),
  '/calendar': () => import('./pages/calendar-page'),
  '/policies': () => import('./pages/policies-page'),
  '/units': () => import('./pages/units-page'),
  '/admin/users': () => import('./pages/admin-users-page'),
  '/wallboard': () => import('./pages/wallboard-page'),
  '/knowledge': () => import('./pages/knowledge-page'),
  '/reports': () => import('./pages/reports-page'),
  '/supervision': () => import('./pages/supervision-page'),
  '/admin/api-keys': () => import('./pages/admin-api-keys-page'),
  '/staffing': () => import('./pages/staffing-page'),
};

/** Starts downloading the page at `path`, if it is one of them. */
export function preloadPage(path: string): void {
  const load = (pageLoaders as Record<string, (() => Promise<unknown>) | undefined>)[path];
  void load?.().catch(() => undefined);
}
