import { useEffect, useState } from 'react';
import { api } from './api';

export interface Unit {
  id: number;
  code: string;
  name: string;
  kind: string;
}

export function useUnits(): Unit[] {
  const [units, setUnits] = useState<Unit[]>([]);
  useEffect(() => {
    api<Unit[]>('GET', '/api/units')
      .then(setUnits)
      .catch(() => setUnits([]));
  }, []);
  return units;
}
