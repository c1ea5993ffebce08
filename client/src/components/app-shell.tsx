import { Badge, Button, Layout, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import type { Role } from '../../../shared/domain';
import { translate, type Locale, type MessageKey } from '../../../shared/i18n';
import { useI18n } from '../lib/i18n';
import type { LiveStatus } from '../lib/live/connection';
import { useLiveStatus } from '../lib/live/hooks';
import { useSession } from '../lib/session';
import { pagesFor } from '../pages/routes';
import { HeaderSearch } from './header-search';
import { LocaleSwitch } from './locale-switch';

/** A tab still opening its first connection says so; "lost" is for a connection that was live. */
const LIVE_TEXT: Record<LiveStatus, MessageKey> = { connecting: 'live.connecting', live: 'live.connected', reconnecting: 'live.reconnecting' };
const LIVE_BADGE = { connecting: 'processing', live: 'success', reconnecting: 'error' } as const satisfies Record<LiveStatus, string>;

/** Every console page: the header with the pages of the user's roles and the tab's live connection. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t, locale } = useI18n();
  const status = useLiveStatus();
  const { user, logout } = useSession();
  const pages = user ? pagesFor(user.roles) : [];
  return (
    <Layout className="shell">
      <Layout.Header className="shell-header">
        <Space size={12} align="center" className="shell-nav">
          <Typography.Text strong className="brand" title={t('app.title')}>
            {t('app.title')}
          </Typography.Text>
          {pages
            .filter((p) => !p.linked)
            .map((p) => (
              <NavLink key={p.path} to={p.path} className="nav-link">
                {t(p.label)}
              </NavLink>
            ))}
        </Space>
        <Space size={10} align="center" className="shell-tools">
          {/* Issue 16.6: every staff role that reads tickets searches them. */}
          {user && user.roles.some((r) => r !== 'admin') && <HeaderSearch />}
          <Badge
            title={t(LIVE_TEXT[status])}
            data-testid="live-status"
            data-status={status}
            status={LIVE_BADGE[status]}
            text={<span className="live-text">{t(LIVE_TEXT[status])}</span>}
          />
          <LocaleSwitch />
          <span className="user-name" title={user?.displayName}>
            {user && nameIn(locale, user.displayName, user.roles)}
          </span>
          <Button size="small" onClick={() => void logout()}>
            {t('nav.logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content className="shell-content">{children}</Layout.Content>
    </Layout>
  );
}

/**
 * The user's name as the header shows it. Staff names often start with their role ("值班长 陈刚"):
 * in English that word is the role's English label (issue 16.10); the person's name stays as written.
 */
function nameIn(locale: Locale, displayName: string, roles: readonly Role[]): string {
  for (const role of roles) {
    const key = `role.${role}` as MessageKey;
    const zh = translate('zh-CN', key);
    if (displayName.startsWith(`${zh} `)) return `${translate(locale, key)} ${displayName.slice(zh.length + 1)}`;
  }
  return displayName;
}
