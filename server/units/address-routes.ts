/** PRODUCT.md §2 诉求地址 "with suggestions from the town's address list, resolving to a community and grid". */
import { Router } from 'express';
import { z } from 'zod';
import { JIUTING_ADDRESS_BOOK } from '../../db/data/jiuting-addresses';
import { suggestAddresses } from '../../shared/address/address-book';
import { ZAddressOptionListSchema } from '../../shared/schemas/suggest';
import { currentRuleTable } from '../classify/suggester';
import type { AppContext } from '../platform/context';
import { defineRoute, roles } from '../platform/define-route';

/** A body, never a query string: a citizen's address in a URL ends up in logs (docs/decisions/privacy.md). */
const ZAddressRequestSchema = z.object({
  q: z.string({ error: '请输入地址' }).trim().min(1, { error: '请输入地址' }).max(200, { error: '地址不能超过200个字' }),
  limit: z.coerce
    .number({ error: '数量应为1–20' })
    .int({ error: '数量应为1–20' })
    .min(1, { error: '数量应为1–20' })
    .max(20, { error: '数量应为1–20' })
    .default(8),
});

export function addressRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api/addresses';
  const communities = new Map(JIUTING_ADDRESS_BOOK.communities.map((c) => [c.code, c] as const));

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/addresses/suggest',
      raises: [],
      access: roles('operator', 'supervisor'),
      summary: 'Address list entries matching what was typed, with community and grid',
      response: ZAddressOptionListSchema,
      body: ZAddressRequestSchema,
    },
    async ({ body }) => {
      const table = await currentRuleTable(ctx.db);
      return suggestAddresses(body.q, JIUTING_ADDRESS_BOOK.addresses, body.limit).map(({ entry, score }) => {
        const community = communities.get(entry.community);
        const grid = community?.grids.find((g) => g.code === entry.grid);
        return {
          id: entry.id,
          name: entry.name,
          address: entry.address,
          kind: entry.kind,
          score: Math.round(score * 1000) / 1000,
          community: { code: entry.community, name: community?.name ?? entry.community, unitId: table.communities.get(entry.community)?.id ?? null },
          grid: { code: entry.grid, name: grid?.name ?? entry.grid },
        };
      });
    },
  );

  return router;
}
