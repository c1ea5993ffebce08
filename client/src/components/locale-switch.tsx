/** 中文 / EN, on every page and on the login page (the choice is kept in this browser). */
import { Segmented } from 'antd';
import { loadEnglish } from '../lib/english';
import { useI18n } from '../lib/i18n';

/** The English texts start on their way when the pointer or the keyboard reaches the switch, so the click finds them here. */
const prefetchEnglish = () => void loadEnglish().catch(() => undefined);

export function LocaleSwitch() {
  const { locale, setLocale } = useI18n();
  const prefetch = locale === 'en' ? undefined : prefetchEnglish;
  return (
    <span onPointerEnter={prefetch} onFocus={prefetch}>
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
    </span>
  );
}
