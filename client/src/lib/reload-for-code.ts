/**
 * When code the console needs did not arrive (the network dropped while it loaded, or a deploy
 * replaced its files), the tab reloads once the network is back; if the network never went away
 * it reloads once by itself (a deploy) and then leaves it to the person, so code that keeps
 * failing cannot loop. A record being typed survives a reload (lib/intake-draft.ts). Used by the
 * page boundary (components/load-failure-boundary.tsx) and by the live connection's handlers
 * (main.tsx).
 */

/** The last reload made by itself (sessionStorage: per tab). */
const RELOADED_AT = 'hotline.load-failure-reload-at';
/** No second automatic reload within this long of the last. */
const RELOAD_GUARD_MS = 30_000;
/** With the network up, wait this long before reloading (a server restarting, a deploy finishing). */
const RELOAD_AFTER_MS = 3000;

export function reloadTab(): void {
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

/** Reloads the tab when its missing code can arrive; returns what stops waiting. */
export function reloadWhenCodeCanArrive(): () => void {
  window.addEventListener('online', reloadTab);
  const timer = navigator.onLine && !reloadedLately() ? window.setTimeout(reloadTab, RELOAD_AFTER_MS) : undefined;
  return () => {
    window.removeEventListener('online', reloadTab);
    window.clearTimeout(timer);
  };
}
