/**
 * A page whose code does not arrive — the network dropped while it loaded, or a deploy replaced
 * its files — throws where React renders it; without a boundary the whole console unmounts and
 * the tab stays blank, live status and all, even after the network is back (a CI run caught it:
 * a browser taken offline while the operator page still loaded its ticket table). This boundary
 * says what happened and reloads the tab when the code can arrive (lib/reload-for-code.ts), or
 * by its reload button.
 */
import { Alert, Button } from 'antd';
import { Component, useEffect, type ReactNode } from 'react';
import { useI18n } from '../lib/i18n';
import { reloadTab, reloadWhenCodeCanArrive } from '../lib/reload-for-code';

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

function LoadFailed({ network }: { network: boolean }) {
  const { t } = useI18n();
  useEffect(() => (network ? reloadWhenCodeCanArrive() : undefined), [network]);
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
          <Button type="primary" onClick={reloadTab}>
            {t('app.reload')}
          </Button>
        }
      />
    </div>
  );
}
