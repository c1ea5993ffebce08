import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { LocaleSwitch } from '../components/locale-switch';
import { Panel } from '../components/panel';
import { errorText } from '../lib/error-text';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';

export function LoginPage() {
  const { t, locale } = useI18n();
  const { login } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onFinish = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await login(v.username, v.password);
    } catch (err) {
      setError(errorText(locale, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-wrap">
      <Panel className="login-card">
        <div className="login-locale">
          <LocaleSwitch />
        </div>
        <Typography.Title level={3}>{t('app.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('app.subtitle')}</Typography.Paragraph>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item label={t('login.username')} name="username" rules={[{ required: true, message: t('valid.username') }]}>
            <Input autoFocus autoComplete="username" id="username" />
          </Form.Item>
          <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('valid.password') }]}>
            <Input.Password autoComplete="current-password" id="password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
      </Panel>
    </div>
  );
}
