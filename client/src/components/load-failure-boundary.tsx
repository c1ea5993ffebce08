/**
 * A page whose code does not arrive — the network dropped while it loaded, or a deploy replaced
 * its files — throws where React renders it; without a boundary the whole console unmounts and
 * the tab stays blank, live status and all, even after the network is back (a CI run caught it:
 * a browser taken offline while the operator page still loaded its ticket table). This boundary
 * says what happened and reloads the tab once the network is back; a record being typed survives
 * a reload (lib/intake-draft.ts). If the network never went away, it reloads once by itself (a
 * deploy) and then leaves it to the reload button, so a page that keeps failing cannot loop.
 */
import { Alert, Button } from 'antd';
import { Component, useEffect, type ReactNode } from 'react';
import { useI18n } from '../lib/i18n';

/** The last reload this boundary made by itself (sessionStorage: per tab). */
const RELOADED_AT = 'hotline.load-failure-reload-at';
/** No second automatic reload within this long of the last. */
const RELOAD_GUARD_MS = 30_000;
/** With the network up, wait this long before reloading (a server restarting, a deploy finishing). */
const RELOAD_AFTER_MS = 3000;

/** A dynamic import that failed (the messages of Chromium, Firefox and Safari, and Vite's preload). */
export function isLoadFailure(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /dynamically imported module|Importing a module script failed|Unable to preload|Failed to fetch/i.test(message);
}

export class LoadFailureBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }

  override componentDidCatch(error: unknown): void {
    console.error('the page failed to render', error);
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return <LoadFailed network={isLoadFailure(this.state.error)} />;
  }
}

function reload(): void {
  try {
    sessionStorage.setItem(RELOADED_AT, String(Date.now()));
  } catch {
    /* storage refused: reload all the same */
  }
  window.location.reload();
}

function reloadedLately(): boolean {
  try {
    return Date.now() - Number(sessionStorage.getItem(RELOADED_AT) ?? 0) < RELOAD_GUARD_MS;
  } catch {
    return true;
  }
}

function LoadFailed({ network }: { network: boolean }) {
  const { t } = useI18n();
  useEffect(() => {
    if (!network) return;
    // Back online: the files can arrive now.
    window.addEventListener('online', reload);
    const timer = navigator.onLine && !reloadedLately() ? window.setTimeout(reload, RELOAD_AFTER_MS) : undefined;
    return () => {
      window.removeEventListener('online', reload);
      window.clearTimeout(timer);
    };
  }, [network]);
  // An Alert, not a Result: the boundary is in every page's first load, and antd's Result brings
  // its status illustrations with it (issue 17.6).
  return (
    <div className="load-failed">
      <Alert
        type="warning"
        showIcon
        data-testid="load-failed"
        title={t(network ? 'app.loadFailed' : 'app.pageFailed')}
        action={
          <Button type="primary" onClick={reload}>
            {t('app.reload')}
          </Button>
        }
      />
    </div>
  );
}
