/**
 * Issue 19.4: the console's stylesheets, loaded by main.tsx beside the scripts rather than ahead of
 * the first paint. antd runs in zero-runtime mode (its theme in main.tsx): its components' styles
 * come from this one static file instead of being computed in the browser on first render (the
 * operator page's longest task). Ours follow it, so our rules win where both weigh the same.
 */
import 'antd/dist/antd.css';
import './styles.css';
