/** GET /api/health: for load balancers, and the server's clock for the screens (PRODUCT.md §4: the console's clock is the server's). */
import { z } from 'zod';

export const ZHealthAnswerSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({ kind: z.string(), ok: z.boolean() }),
  /** Sockets connected to this process (every tab holds one). */
  sockets: z.object({ ok: z.boolean(), connected: z.number().int().min(0) }),
  /** The server's clock (ISO 8601). */
  time: z.string(),
});
export type THealthAnswer = z.output<typeof ZHealthAnswerSchema>;
