/**
 * The UI's English texts, which the build keeps out of the Chinese first load
 * (client/i18n-english.ts): loaded at the switch to English, or before the first render when
 * English was chosen earlier (main.tsx).
 */
import { registerEnglish } from '../../../shared/i18n';

let loading: Promise<void> | null = null;

export function loadEnglish(): Promise<void> {
  loading ??= import('virtual:i18n-english').then(
    (m) => registerEnglish(m.default),
    (err: unknown) => {
      // A failed download is asked again at the next switch.
      loading = null;
      throw err;
    },
  );
  return loading;
}
