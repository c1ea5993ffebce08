/**
 * Query keys, one family per resource: `[resource, kind, …params]`. Live events and mutations
 * invalidate or update by family (client/src/lib/live/live-cache.ts), so a key's place here says
 * what keeps it current.
 */
export type TicketListScope = 'open' | 'queues' | 'mine';

export const keys = {
  session: ['session'] as const,
  units: ['units'] as const,
  serverTime: ['server-time'] as const,
  policies: ['policies'] as const,
  tickets: {
    all: ['tickets'] as const,
    lists: ['tickets', 'list'] as const,
    /** `limit`: the newest-open list's size (GET /api/tickets?limit=). */
    list: (scope: TicketListScope, limit?: number) => ['tickets', 'list', scope, limit ?? null] as const,
    details: ['tickets', 'detail'] as const,
    detail: (id: number) => ['tickets', 'detail', id] as const,
    /** The caller's number this tab revealed (PRODUCT.md §9: logged on the server, never refetched). */
    contact: (id: number) => ['tickets', 'contact', id] as const,
  },
  decisions: ['decisions'] as const,
  /** Issue 16.6: one search box query (POST body; kept in this tab only, never refetched: a phone search is logged). */
  search: (q: string) => ['search', q] as const,
  calls: {
    all: ['calls'] as const,
    list: ['calls', 'list'] as const,
    detail: (id: number) => ['calls', 'detail', id] as const,
    voiceToken: ['calls', 'voice-token'] as const,
  },
  presence: ['presence'] as const,
  wallboard: ['wallboard'] as const,
  calendar: (year: number) => ['calendar', year] as const,
  knowledge: {
    all: ['knowledge'] as const,
    searches: ['knowledge', 'search'] as const,
    search: (params: Record<string, string>) => ['knowledge', 'search', params] as const,
    detail: (id: number) => ['knowledge', 'detail', id] as const,
  },
  supervisions: {
    all: ['supervisions'] as const,
    list: (state: string) => ['supervisions', 'list', state] as const,
    detail: (id: number) => ['supervisions', 'detail', id] as const,
  },
  rules: {
    all: ['rules'] as const,
    latest: ['rules', 'latest'] as const,
    versions: ['rules', 'versions'] as const,
    repeatSettings: ['rules', 'repeat-settings'] as const,
  },
  suggest: {
    all: ['suggest'] as const,
    categories: (text: string, address: string) => ['suggest', 'categories', text, address] as const,
    addresses: (q: string) => ['suggest', 'addresses', q] as const,
    callerHistory: (phone: string | null, address: string | null) => ['suggest', 'caller-history', phone, address] as const,
  },
  reports: {
    report: (query: string) => ['reports', 'report', query] as const,
    weekly: (week: string) => ['reports', 'weekly', week] as const,
  },
  apiKeys: ['api-keys'] as const,
  /** Issue 18: the plan and roster of a period, the handover. */
  staffing: {
    all: ['staffing'] as const,
    plan: (query: string) => ['staffing', 'plan', query] as const,
    roster: (query: string) => ['staffing', 'roster', query] as const,
    handover: ['staffing', 'handover'] as const,
  },
};
