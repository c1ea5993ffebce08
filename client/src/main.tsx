import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
// antd's ES modules (antd/locale/* is its CommonJS build: a second copy of the locales beside the
// English one antd's own components import, and CommonJS interop around them).
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, StrictMode, Suspense, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { afterServerClose, sessionQuery } from './api/session';
import { LoadFailureBoundary } from './components/load-failure-boundary';
import { loadEnglish } from './lib/english';
import { I18nProvider, storedLocale, useI18n } from './lib/i18n';
import { nameSelectListboxes } from './lib/listbox-names';
import { onLiveConnection } from './lib/live/connection';
import { queryClient } from './lib/query-client';
import { reloadWhenCodeCanArrive } from './lib/reload-for-code';
import { SessionProvider, useSession } from './lib/session';
import { loadedModule, pageLoaders, preloadPage, withSecondaryStyles } from './page-loaders';
import { LoginPage } from './pages/login-page';
import { pagesFor } from './pages/routes';

/**
 * Issue 4: every page loads on demand (React.lazy), so the screen an operator keeps open all shift
 * downloads neither the charts (ECharts) nor other roles' pages, and the login page (issue 17.6)
 * none of the operator's code.
 */
function page<K extends string>(load: () => Promise<Record<K, () => React.JSX.Element>>, name: K) {
  const Lazy = lazy<() => React.JSX.Element>(async () => ({ default: (await load())[name] }));
  // Issue 17.6: a page whose code has already arrived (boot.ts starts the tab's own) renders at
  // once. Through React.lazy it would suspend for a tick, and React holds a suspended page back
  // until 300 ms after its fallback showed (its fallback throttle): idle time on every cold load.
  // Chosen once per mount, so a page never changes component type under its own state.
  return function Page() {
    const [Ready] = useState<(() => React.JSX.Element) | undefined>(() => loadedModule(load)?.[name]);
    return Ready ? <Ready /> : <Lazy />;
  };
}
const OperatorPage = page(pageLoaders['/operator'], 'OperatorPage');
const SupervisorPage = page(pageLoaders['/supervisor'], 'SupervisorPage');
const UnitPage = page(pageLoaders['/unit'], 'UnitPage');
const RevisitPage = page(pageLoaders['/revisit'], 'RevisitPage');
const DecisionsPage = page(pageLoaders['/decisions'], 'DecisionsPage');
const RulesPage = page(pageLoaders['/rules'], 'RulesPage');
const TicketPage = page(
  withSecondaryStyles(() => import('./pages/ticket-page')),
  'TicketPage',
);
const PrintPage = page(
  withSecondaryStyles(() => import('./print/print-page')),
  'PrintPage',
);
const ReportsPage = page(pageLoaders['/reports'], 'ReportsPage');
const ReportsPrintPage = page(
  withSecondaryStyles(() => import('./pages/reports-print-page')),
  'ReportsPrintPage',
);
const SupervisionPage = page(pageLoaders['/supervision'], 'SupervisionPage');
const AdminApiKeysPage = page(pageLoaders['/admin/api-keys'], 'AdminApiKeysPage');
const SupervisionPrintPage = page(
  withSecondaryStyles(() => import('./print/supervision-print-page')),
  'SupervisionPrintPage',
);
const WallboardPage = page(pageLoaders['/wallboard'], 'WallboardPage');
const KnowledgePage = page(pageLoaders['/knowledge'], 'KnowledgePage');
const CalendarPage = page(pageLoaders['/calendar'], 'CalendarPage');
const StaffingPage = page(pageLoaders['/staffing'], 'StaffingPage');
const StaffingPrintPage = page(pageLoaders['/staffing'], 'StaffingPrintPage');
const HandoverPage = page(
  withSecondaryStyles(() => import('./pages/handover-page')),
  'HandoverPage',
);
const PoliciesPage = page(pageLoaders['/policies'], 'PoliciesPage');
const UnitsPage = page(pageLoaders['/units'], 'UnitsPage');
const AdminUsersPage = page(pageLoaders['/admin/users'], 'AdminUsersPage');

// The tab's one socket keeps the query cache current (client/src/lib/live/live-cache.ts). The
// cache's handlers (every resource's schemas) load once someone signs in, and the socket waits for
// them (issue 17.6: the login page loads none of it).
onLiveConnection((connection) => {
  // socket.io's client comes beside the handlers, not after them (the socket opens once both are here).
  void import('socket.io-client').catch(() => undefined);
  const handlers = import('./lib/live/live-cache').then((m) => m.bindLiveCache(connection, queryClient));
  // Without them the socket stays closed (the status says so) and the tab reloads when they can arrive.
  handlers.catch(() => reloadWhenCodeCanArrive());
  connection.openAfter(handlers);
  connection.onServerClose(() => void afterServerClose(queryClient, connection));
});

const COMPONENTS: Record<string, React.ComponentType> = {
  '/operator': OperatorPage,
  '/supervisor': SupervisorPage,
  '/unit': UnitPage,
  '/revisit': RevisitPage,
  '/decisions': DecisionsPage,
  '/rules': RulesPage,
  '/calendar': CalendarPage,
  '/policies': PoliciesPage,
  '/units': UnitsPage,
  '/admin/users': AdminUsersPage,
  '/wallboard': WallboardPage,
  '/knowledge': KnowledgePage,
  '/reports': ReportsPage,
  '/supervision': SupervisionPage,
  '/admin/api-keys': AdminApiKeysPage,
  '/staffing': StaffingPage,
};

function Routed() {
  const { user, loading } = useSession();
  if (loading) return <Spin fullscreen />;
  if (!user) return <LoginPage />;
  const pages = pagesFor(user.roles);
  const home = pages[0]?.path ?? '/none';
  return (
    <LoadFailureBoundary>
      <Suspense fallback={<Spin fullscreen data-testid="page-loading" />}>
        <Routes>
          {pages.map((p) => {
            const Page = COMPONENTS[p.path];
            return Page && <Route key={p.path} path={p.path} element={<Page />} />;
          })}
          {/* Issue 5: the ticket page and its printed forms, for every role that reads tickets (the API decides what each sees). */}
          <Route path="/tickets/:id" element={<TicketPage />} />
          <Route path="/tickets/:id/print" element={<PrintPage />} />
          {/* Issue 8: printable report and supervision documents (the API decides who may read them). */}
          <Route path="/reports/print" element={<ReportsPrintPage />} />
          <Route path="/supervision/:id/print" element={<SupervisionPrintPage />} />
          <Route path="/staffing/print" element={<StaffingPrintPage />} />
          {/* Issue 18.5: the handover, linked from the staffing page (the API lets supervisors only). */}
          <Route path="/handover" element={<HandoverPage />} />
          <Route path="*" element={pages.length ? <Navigate to={home} replace /> : <NoPage />} />
        </Routes>
      </Suspense>
    </LoadFailureBoundary>
  );
}

function NoPage() {
  const { logout } = useSession();
  const { t } = useI18n();
  return (
    <div className="login-wrap">
      <p>
        {t('app.noPages')}
        <a onClick={() => void logout()}>{t('nav.logout')}</a>
      </p>
    </div>
  );
}

/**
 * WCAG 2.1 AA 1.4.3: antd's grey texts (descriptions, placeholders: 3.4:1 and 1.8:1 on white), its
 * error red (3.3:1) and link blue fall short of 4.5:1; these tokens reach it on white and on the
 * light greys of headers and hovers. Tags: styles.css.
 */
const THEME = {
  zeroRuntime: true,
  token: {
    colorPrimary: '#1d4ed8',
    // Hovered buttons and links keep 4.5:1 (antd's derived hover blue, #4373e6, is 4.3:1).
    colorPrimaryHover: '#2f5fd6',
    colorLinkHover: '#2f5fd6',
    borderRadius: 4,
    fontSize: 14,
    colorTextSecondary: '#525252',
    colorTextTertiary: '#595959',
    colorTextDescription: '#595959',
    colorTextPlaceholder: '#6b6b6b',
    colorTextQuaternary: '#6b6b6b',
    colorError: '#c41d1d',
    // Typography type="warning"/"success" (antd's #faad14 is 1.9:1, #52c41a 2.3:1 on white).
    colorWarningText: '#8f4700',
    colorSuccessText: '#2b6f0b',
    colorLink: '#1d4ed8',
  },
};

function Themed() {
  const { locale } = useI18n();
  // Date pickers name months and weekdays through dayjs: in the UI's language (issue 16 item 9).
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={THEME}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <BrowserRouter>
              <Routed />
            </BrowserRouter>
          </SessionProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

// Issue 19.4: the session check starts before React's first render; the stylesheets and the page's
// code are already on their way (boot.ts).
void queryClient.prefetchQuery(sessionQuery);
const stylesheets = import('./stylesheets');
const tabPage = preloadPage(window.location.pathname);
// An English UI chosen earlier renders in English from the start.
const texts = storedLocale() === 'en' ? loadEnglish().catch(() => undefined) : undefined;

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
nameSelectListboxes();
// Rendered once the stylesheets are in (unstyled, antd's components would flash and jump) and the
// tab's page has arrived, so that it renders without suspending (page() above). A stylesheet or a
// page that fails to load still leaves a working console (LoadFailureBoundary for the page).
void Promise.all([stylesheets.catch(() => undefined), tabPage, texts]).then(() =>
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <Themed />
      </I18nProvider>
    </StrictMode>,
  ),
);
