/**
 * The entry point (index.html), kept to a few lines so the browser requests everything the first
 * screen needs at once (issue 19.4): who is signed in (issue 17.6), the stylesheets, the code of
 * the page the tab opens at, and the console itself (main.tsx, which waits for the stylesheets
 * before its first render).
 * Downloads that used to wait for main.tsx's whole module graph to run now overlap with it.
 */
import { getEarly } from './lib/api';
import { preloadPage } from './page-loaders';

// Who is signed in: asked now, answered to main.tsx's session query once its code has run.
getEarly('/api/auth/me');
void import('./stylesheets').catch(() => undefined);
void preloadPage(window.location.pathname);
void import('./main');
