/** The drizzle schema: every table, one module per area (drizzle-kit reads this file). */
export * from './schema-core';
export * from './schema-telephony';
export * from './schema-classify';
export * from './schema-supervision';
export * from './schema-open311';
export * from './schema-knowledge';
export * from './schema-presence';
export * from './schema-auth';
export * from './schema-staffing';
