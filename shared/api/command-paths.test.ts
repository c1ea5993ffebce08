import { describe, expect, it } from 'vitest';
import { SUPERVISION_COMMANDS } from '../supervision/machine';
import { COMMANDS } from '../ticket/commands';
import { supervisionCommandPath, ticketCommandPath } from './command-paths';

describe('command paths', () => {
  it('posts a ticket command to its kebab-case path', () => {
    expect(ticketCommandPath('record_first_contact', 7)).toBe('/api/tickets/7/record-first-contact');
    expect(ticketCommandPath('accept')).toBe('/api/tickets/:id/accept');
  });

  it('posts a supervision command to its kebab-case path', () => {
    expect(supervisionCommandPath('record_outcome', 3)).toBe('/api/supervisions/3/record-outcome');
    expect(supervisionCommandPath('reply')).toBe('/api/supervisions/:id/reply');
  });

  it('gives every command a path of its own', () => {
    expect(new Set(COMMANDS.map((c) => ticketCommandPath(c))).size).toBe(COMMANDS.length);
    expect(new Set(SUPERVISION_COMMANDS.map((c) => supervisionCommandPath(c))).size).toBe(SUPERVISION_COMMANDS.length);
  });
});
