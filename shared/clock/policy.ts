/**
 * SLA policies: schemas and types (policy-schema.ts) and the shipped defaults
 * (default-policies.ts), in one import.
 */
export * from './policy-schema';
export * from './default-policies';
