/**
 * The domain vocabulary of PRODUCT.md §1–3, shared by server and client. Codes are the contract;
 * labels live in shared/i18n.
 */

export const ROLES = ['operator', 'revisit', 'supervisor', 'liaison', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * PRODUCT.md §1: the line's roles that call the citizen back and so may see the caller's number
 * (and the free text that may hold it, issue 14 item 7). A liaison may too, as the lead unit's.
 */
export const CONTACT_ROLES: readonly Role[] = ['operator', 'revisit', 'supervisor'];

/** PRODUCT.md §2: 工单类型. */
export const TICKET_TYPES = ['complaint_help', 'suggestion', 'consultation'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

/** PRODUCT.md §2: sources besides the phone line, each with its own SLA policy. */
export const TICKET_SOURCES = ['hotline', 'walk_in', 'district_12345', 'online', 'open311'] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];

/** PRODUCT.md §3: the states are the contract. */
export const TICKET_STATES = ['registered', 'closed_on_call', 'dispatched', 'in_progress', 'replied', 'archived', 'filed'] as const;
export type TicketState = (typeof TICKET_STATES)[number];

/** PRODUCT.md §3: registered → closed_on_call reasons (000 三(八), 003 第五条(三)). */
export const CLOSE_ON_CALL_REASONS = ['answered_from_knowledge_base', 'no_handling_needed', 'out_of_scope_emergency', 'out_of_scope_jurisdiction'] as const;
export type CloseOnCallReason = (typeof CLOSE_ON_CALL_REASONS)[number];

/** 003 第五条(三): the emergency services a caller is transferred to (police, fire, ambulance). */
export const EMERGENCY_NUMBERS = ['110', '119', '120'] as const;
export type EmergencyNumber = (typeof EMERGENCY_NUMBERS)[number];

/** PRODUCT.md §2 / seed 002: outcome of handling. */
export const OUTCOMES = ['resolved', 'explained', 'filed', 'demand_unreasonable', 'unresolved'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

/** PRODUCT.md §4: lights of a running clock (002). */
export const LIGHTS = ['normal', 'warning', 'yellow', 'red', 'overdue'] as const;
export type Light = (typeof LIGHTS)[number];

/** Issue 7: stable category codes of the dispatch rule table (000 四). */
export const CATEGORY_CODES = [
  'group_renting',
  'street_vending',
  'parking',
  'noise',
  'cooking_fumes',
  'sanitation',
  'illegal_construction',
  'property_management',
  'water_leak_repair',
  'greenery',
  'roads_lights',
  'public_order',
  'market_food_safety',
  'labour',
  'social_insurance',
  'household_registration',
  'pets',
  'fire_safety',
  'other',
] as const;
export type CategoryCode = (typeof CATEGORY_CODES)[number];

export const UNIT_KINDS = ['department', 'community', 'village', 'company'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** The line's code in ticket numbers: ZX20261122-0007 (专线). */
export const HOTLINE_PREFIX = 'ZX';

/**
 * What a ticket's number reads until its transaction's last statement takes the day's number
 * (issue 17.2; server/platform/unit-of-work.ts): this prefix and a random UUID. No committed row
 * holds it; the search index leaves such rows out (db/schema-core.ts).
 */
export const PENDING_NUMBER_PREFIX = 'ZX-PENDING-';
