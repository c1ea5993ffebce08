/**
 * When the first-contact clock of a handling stops (issue 15.6): the one rule the live clock
 * (server/clock/ticket-clocks.ts, the sweeper's notices, the queues) and the monthly report
 * (server/reports/handlings.ts, docs/REPORTS.md R4) both apply.
 *
 * 003 第六条(一): "承办单位应在1个工作日内联系来电市民了解详情，并在5个工作日内及时将处置结果答复来电市民".
 * The duty is to have contacted the citizen within 1 working day. A reply that says when the citizen
 * was told the result records a contact at that moment, so the clock stops at the recorded first
 * contact or at the first reply's "citizen told" time, whichever is earlier. A reply sent back as
 * vague (000 三(五)) does not undo that contact: the citizen was reached.
 */
export function firstContactStop(contactAt: Date | null, citizenToldAt: Date | null): Date | null {
  if (!contactAt) return citizenToldAt;
  if (!citizenToldAt) return contactAt;
  return contactAt.getTime() <= citizenToldAt.getTime() ? contactAt : citizenToldAt;
}
