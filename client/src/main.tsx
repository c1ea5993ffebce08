import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { I18nProvider, useI18n } from './lib/i18n';
import { SessionProvider, useSession } from './lib/session';
import { LoginPage } from './pages/login-page';
import { OperatorPage } from './pages/operator-page';
import { pagesFor } from './pages/routes';
import { SupervisorPage } from './pages/supervisor-page';
import { UnitPage } from './pages/unit-page';
import { RevisitPage } from './pages/revisit-page';
import { DecisionsPage } from './pages/decisions-page';
import { RulesPage } from './pages/rules-page';
import { TicketPage } from './pages/ticket-page';
import { PrintPage } from './print/print-page';
import { ReportsPage } from './pages/reports-page';
import { ReportsPrintPage } from './pages/reports-print-page';
import { SupervisionPage } from './pages/supervision-page';
import { AdminApiKeysPage } from './pages/admin-api-keys-page';
import { SupervisionPrintPage } from './print/supervision-print-page';
import './styles.css';

const COMPONENTS: Record<string, () => React.JSX.Element> = {
  '/operator': OperatorPage,
  '/supervisor': SupervisorPage,
  '/unit': UnitPage,
  '/revisit': RevisitPage,
  '/decisions': DecisionsPage,
  '/rules': RulesPage,
  '/reports': ReportsPage,
  '/supervision': SupervisionPage,
  '/admin/api-keys': AdminApiKeysPage,
};

function Routed() {
  const { user, loading } = useSession();
  if (loading) return <Spin fullscreen />;
  if (!user) return <LoginPage />;
  const pages = pagesFor(user.roles);
  const home = pages[0]?.path ?? '/none';
  return (
    <Routes>
      {pages.map((p) => {
        const Page = COMPONENTS[p.path]!;
        return <Route key={p.path} path={p.path} element={<Page />} />;
      })}
      {/* Issue 5: the ticket page and its printed forms, for every role that reads tickets (the API decides what each sees). */}
      <Route path="/tickets/:id" element={<TicketPage />} />
      <Route path="/tickets/:id/print" element={<PrintPage />} />
      {/* Issue 8: printable report and supervision documents (the API decides who may read them). */}
      <Route path="/reports/print" element={<ReportsPrintPage />} />
      <Route path="/supervision/:id/print" element={<SupervisionPrintPage />} />
      <Route path="*" element={pages.length ? <Navigate to={home} replace /> : <NoPage />} />
    </Routes>
  );
}

function NoPage() {
  const { logout } = useSession();
  return (
    <div className="login-wrap">
      <p>
        您的账号暂无可用页面。<a onClick={() => void logout()}>退出登录</a>
      </p>
    </div>
  );
}

function Themed() {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1d4ed8', borderRadius: 4, fontSize: 14 } }}>
      <AntApp>
        <SessionProvider>
          <BrowserRouter>
            <Routed />
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <Themed />
    </I18nProvider>
  </StrictMode>,
);
