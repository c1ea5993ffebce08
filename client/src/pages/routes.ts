import type { Role } from '../../../shared/domain';
import type { MessageKey } from '../../../shared/i18n';

export interface PageDef {
  path: string;
  label: MessageKey;
  roles: Role[];
  /** Routed but not in the header (reached from another page: the header is full at 1366 px). */
  linked?: true;
}

/** Each role sees only the pages it needs (PRODUCT.md §1, 9); the server enforces the same on every route. */
export const PAGES: PageDef[] = [
  { path: '/operator', label: 'nav.operator', roles: ['operator', 'supervisor'] },
  { path: '/supervisor', label: 'nav.queues', roles: ['supervisor', 'leader'] },
  { path: '/wallboard', label: 'nav.wallboard', roles: ['supervisor', 'leader'] },
  { path: '/unit', label: 'nav.unit', roles: ['liaison'] },
  { path: '/revisit', label: 'nav.revisit', roles: ['revisit'] },
  { path: '/decisions', label: 'nav.decisions', roles: ['supervisor', 'leader'] },
  { path: '/rules', label: 'nav.rules', roles: ['supervisor'] },
  { path: '/calendar', label: 'nav.calendar', roles: ['supervisor'], linked: true },
  { path: '/policies', label: 'nav.policies', roles: ['supervisor'], linked: true },
  { path: '/units', label: 'nav.units', roles: ['supervisor'], linked: true },
  { path: '/knowledge', label: 'nav.knowledge', roles: ['supervisor'] },
  { path: '/supervision', label: 'nav.supervision', roles: ['supervisor', 'leader', 'liaison'] },
  { path: '/reports', label: 'nav.reports', roles: ['supervisor', 'leader'] },
  // Issue 18: the plan; the handover (supervisors) is linked from its header. The header holds nine
  // links at 1366 px: the calendar, policies and units are reached from 派单规则 (the rules' hub).
  { path: '/staffing', label: 'nav.staffing', roles: ['supervisor', 'leader'] },
  { path: '/admin/api-keys', label: 'nav.apiKeys', roles: ['admin'] },
  { path: '/admin/users', label: 'nav.users', roles: ['admin'] },
];

export function pagesFor(roles: Role[]): PageDef[] {
  return PAGES.filter((p) => p.roles.some((r) => roles.includes(r)));
}
