import { describe, expect, it } from 'vitest';
import { eventForRooms, fullTextRooms } from './free-text';
import { roomsForTicket } from './rooms';

const ticket = { state: 'in_progress', leadUnitId: 3, assistUnitIds: [5, 6], description: '电话13912345678' };
const event = { rooms: roomsForTicket(ticket), payload: { note: '另留13912345678', unitId: 5, ticket } };

describe('which rooms read an event as typed (issue 14 item 7)', () => {
  it("the line's contact roles and the lead unit; not leaders, assisting units or a unit that lost the ticket", () => {
    // unit:9 was the lead before a return was approved (roomsForTicket's `previous`).
    const rooms = roomsForTicket(ticket, { ...ticket, leadUnitId: 9 });
    expect(rooms).toEqual(expect.arrayContaining(['role:leader', 'unit:5', 'unit:6', 'unit:9']));
    expect(fullTextRooms({ ...event, rooms }).sort()).toEqual(['role:operator', 'role:revisit', 'role:supervisor', 'unit:3']);
    expect(fullTextRooms({ rooms: ['user:7', 'role:leader'], payload: {} })).toEqual(['user:7']);
  });

  it('a unit room is never the lead of a ticket not yet dispatched, nor of an event without a ticket', () => {
    expect(fullTextRooms({ rooms: ['unit:3'], payload: { ticket: { ...ticket, state: 'registered' } } })).toEqual([]);
    expect(fullTextRooms({ rooms: ['unit:3', 'role:leader'], payload: { supervision: { unitId: 3 }, note: 'x' } })).toEqual([]);
  });

  it('catch-up: a socket reads as typed if any of its rooms may (a person with two roles)', () => {
    expect(eventForRooms(event, ['user:1', 'role:leader']).payload.note).toBe('另留***********');
    expect(eventForRooms(event, ['user:1', 'role:leader', 'role:supervisor'])).toBe(event);
    expect(eventForRooms(event, ['user:2', 'unit:5']).payload.ticket.description).toBe('电话***********');
    expect(eventForRooms(event, ['user:2', 'unit:3'])).toBe(event);
  });
});
