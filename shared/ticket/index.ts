/** The ticket's domain core (SPEC 3): snapshot, commands, machine, decide. */
export * from './commands';
export { decide, parseCommandInput } from './decide';
export { COMMAND_LABELS, REQUEST_LABELS, STATE_LABELS } from './labels';
export * from './machine';
export * from './rules';
export * from './snapshot';
export * from './types';
