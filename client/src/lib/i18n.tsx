import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { translate, type Locale, type MessageKey } from '../../../shared/i18n';
import { loadEnglish } from './english';
import { loadEnglishErrors } from './error-text';

interface I18n {
  locale: Locale;
  setLocale(l: Locale): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
}

const I18nContext = createContext<I18n | null>(null);
const STORAGE_KEY = 'hotline.locale';

/** The language chosen on this workstation (Chinese unless English was chosen). */
export function storedLocale(): Locale {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);
  const setLocale = (l: Locale) => {
    localStorage.setItem(STORAGE_KEY, l);
    // English switches once its texts are here (a moment); should they fail to arrive, it switches
    // anyway and the texts read in Chinese until the next switch fetches them again.
    if (l === 'en') void loadEnglish().finally(() => setLocaleState(l));
    else setLocaleState(l);
  };
  // WCAG 3.1.1: the page's language is the UI's (screen readers pick their voice from it).
  useEffect(() => {
    document.documentElement.lang = locale;
    // The server answers in Chinese: its English reading is loaded only for an English UI.
    if (locale === 'en') void loadEnglishErrors().catch(() => undefined);
  }, [locale]);
  return <I18nContext.Provider value={{ locale, setLocale, t: (key, vars) => translate(locale, key, vars) }}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const c = useContext(I18nContext);
  if (!c) throw new Error('useI18n outside I18nProvider');
  return c;
}
