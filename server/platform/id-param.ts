import { AppError } from '../../shared/errors';
import { ZIdParamSchema } from '../../shared/schemas/ids';

/** The record id of a route's `:id`; one that does not parse is not found, as a missing record is (`missing` says which). */
export function idParam(params: Record<string, string>, missing: string): number {
  const id = ZIdParamSchema.safeParse(params.id);
  if (!id.success) throw new AppError('not_found', missing);
  return id.data;
}
