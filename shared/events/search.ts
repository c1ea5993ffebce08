/** Issue 16.6: the search box's audit (PRODUCT.md §7: a phone search is logged like a reveal). */
import { z } from 'zod';
import { count, id, payload } from './fields';

export const SEARCH_EVENTS = {
  /** Someone searched tickets by a caller's full number: who (the row's actor) and what it found; never the number. */
  'search.phone_searched': payload({ found: count, ticketIds: z.array(id) }),
};
