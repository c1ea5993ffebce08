/** What `npm run bench` measures, section by section. */
import type { ClientFigures } from './client';
import type { FanOutFigures } from './fan-out';
import type { ForecastFigures } from './forecast';
import type { IntakeFigures } from './intake';
import type { LighthouseFigures } from './lighthouse';
import type { Machine } from './machine';
import type { Open311Figures } from './open311';
import type { QueriesFigures } from './queries';
import type { RestartFigures } from './restart';

export const SECTIONS = ['classify', 'intake', 'fanout', 'client', 'lighthouse', 'queries', 'open311', 'forecast', 'restart'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchFigures {
  machine: Machine;
  options: { tickets: number; sockets: number; clients: number[]; seconds: number; rounds: number; repeat: number; iterations: number };
  classify?: Record<string, any> | { skipped: string };
  intake?: IntakeFigures;
  fanOut?: FanOutFigures;
  client?: ClientFigures;
  lighthouse?: LighthouseFigures;
  queries?: QueriesFigures;
  open311?: Open311Figures;
  forecast?: ForecastFigures;
  restart?: RestartFigures;
  failures: { section: Section; error: string }[];
}
