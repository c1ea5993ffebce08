import { useQuery } from '@tanstack/react-query';
import type { TUnit } from '../../../shared/schemas/units';
import { unitsQuery } from '../api/reference';

export type Unit = TUnit;

const NONE: Unit[] = [];

/** The handling units, read once per tab. */
export function useUnits(): Unit[] {
  return useQuery(unitsQuery).data ?? NONE;
}
