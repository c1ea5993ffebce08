/** 中文 / EN, on every page and on the login page (the choice is kept in this browser). */
import { Segmented } from 'antd';
import { useI18n } from '../lib/i18n';

export function LocaleSwitch() {
  const { locale, setLocale } = useI18n();
  return (
    <Segmented
      size="small"
      value={locale}
      onChange={(v) => setLocale(v as 'zh-CN' | 'en')}
      data-testid="locale-switch"
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}
