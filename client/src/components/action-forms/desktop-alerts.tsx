/** Asks once for browser notifications (a click is needed: browsers refuse to ask otherwise). */
import { Button, Tag } from 'antd';
import { useI18n } from '../../lib/i18n';
import type { DesktopPermission } from '../../lib/notifications';

export function DesktopAlerts({ permission, enable }: { permission: DesktopPermission; enable(): void }) {
  const { t } = useI18n();
  if (permission === 'unsupported' || permission === 'denied') return null;
  if (permission === 'granted') return <Tag color="green">{t('ws.notifyOn')}</Tag>;
  return (
    <Button size="small" onClick={enable} data-testid="enable-desktop-alerts">
      {t('ws.notifyEnable')}
    </Button>
  );
}
