/**
 * Building blocks of the event catalogue. An event payload describes what was stored, not what a
 * form accepts: no length limits or Chinese messages here (those belong to the input schemas),
 * only the shape every reader may rely on.
 */
import { z } from 'zod';

/** A payload: exactly these keys. An unknown key at the top is a writer's mistake. */
export const payload = <S extends z.ZodRawShape>(shape: S) => z.strictObject(shape);

/** An ISO-8601 instant as written by `toISOString()` (or kept from an input with its offset). */
export const instant = z.iso.datetime({ offset: true });

/** A Shanghai calendar day, YYYY-MM-DD. */
export const isoDay = z.iso.date();

/** A row id. */
export const id = z.number().int().positive();

export const count = z.number().int().min(0);
