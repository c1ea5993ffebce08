/** Issue 15.2: which SLA policy new tickets get, by source, type and urgency (PRODUCT.md §4). */
import { Router } from 'express';
import { ZPolicyAssignmentInputSchema, ZPolicyAssignmentListSchema, ZPolicyAssignmentViewSchema } from '../../shared/schemas/policies';
import type { AppContext } from '../platform/context';
import { defineRoute, roles } from '../platform/define-route';
import { assignPolicy } from './commands/assign-policy';
import { currentAssignments, presentAssignment } from './policy-assignments';

export function policyAssignmentRoutes(ctx: AppContext): Router {
  const router = Router();
  const mount = '/api/policy-assignments';

  defineRoute(
    router,
    mount,
    {
      method: 'get',
      path: '/api/policy-assignments',
      access: roles('supervisor', 'leader'),
      summary: 'The policy assignments in force',
      response: ZPolicyAssignmentListSchema,
    },
    async () => (await currentAssignments(ctx.db)).map(presentAssignment),
  );

  defineRoute(
    router,
    mount,
    {
      method: 'post',
      path: '/api/policy-assignments',
      raises: [],
      access: roles('supervisor'),
      summary: 'Map a source, ticket type and urgency to a policy (new tickets)',
      body: ZPolicyAssignmentInputSchema,
      response: ZPolicyAssignmentViewSchema,
      status: 201,
    },
    async ({ body, auth }) => presentAssignment(await assignPolicy({ db: ctx.db, live: ctx.live, actor: auth.user, now: ctx.now(), input: body })),
  );

  return router;
}
