/**
 * antd's rules for the components only pages other than the login and operator screens render
 * (client/antd-stylesheet.ts): imported with those pages' code (page-loaders.ts), so the
 * operator's first load goes without them.
 */
import './antd-secondary.css';
