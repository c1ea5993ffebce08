import type { Database, Db } from '../../db/client';
import type { Config } from './config';
import type { LivePublisher } from './live/publisher';
import type { Logger } from './logger';

/** What every route and command needs, built once at start and passed down. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  logger: Logger;
  live: LivePublisher;
  /** The clock; tests inject one. */
  now: () => Date;
}
