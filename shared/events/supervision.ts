/**
 * Events of supervision sheets (督办, 004) and of the candidates issue 7 raises for them. Sheet
 * events carry the compact sheet (`supervision`) and land on the ticket's timeline.
 */
import { z } from 'zod';
import { LIGHTS } from '../domain';
import { REPLY_PROGRESS, SUPERVISION_SCOPES, SUPERVISION_TYPES } from '../supervision/types';
import { id, instant, isoDay, payload } from './fields';
import { ZCandidateViewSchema, ZSupervisionEventDataSchema } from './views';

const supervision = ZSupervisionEventDataSchema;

const opened = payload({
  supervision,
  /** e.g. "书面督办 DB2026-0012". */
  label: z.string(),
  scope: z.enum(SUPERVISION_SCOPES),
  previousId: id.nullable(),
  candidate: z.object({ kind: z.string(), ref: z.string().nullable() }).nullable(),
});

export const SUPERVISION_EVENTS = {
  /** 004 三: a numbered sheet opens with its 5-working-day clock. */
  'supervision.opened': opened,
  /** 004 三(一)3, 三(二)5: no progress; the matter goes on to a sheet of the next type. */
  'supervision.progressed': payload({ reason: z.string(), toType: z.enum(SUPERVISION_TYPES), nextId: id, nextNumber: z.string(), supervision }),
  /** 004 三(一)2: the unit's signed and sealed written reply. */
  'supervision.replied': payload({
    replyId: id,
    progress: z.enum(REPLY_PROGRESS),
    headName: z.string(),
    signedAt: isoDay,
    sealed: z.boolean(),
    onTime: z.boolean(),
    supervision,
  }),
  /** 004 三(二)3-4: the on-site meeting's result and the time limit it set. */
  'supervision.outcome_recorded': payload({ outcome: z.string(), deadline: isoDay, dueAt: instant, supervision }),
  /** A leader's instruction (领导批示). */
  'supervision.instructed': payload({ leader: z.string(), instruction: z.string(), at: instant, supervision }),
  'supervision.sent_back': payload({ note: z.string(), supervision }),
  'supervision.closed': payload({ note: z.string(), supervision }),
  /** The reply clock reached a light worth telling (warning, yellow, red, overdue): once per light and due. */
  'supervision.light_changed': payload({ light: z.enum(LIGHTS), due: instant, key: z.string(), supervision }),
  /** A reminder of the policy's supervision clock (e.g. on yellow): once per rule and due. */
  'supervision.reminded': payload({ light: z.enum(LIGHTS), due: instant, key: z.string(), supervision }),
  /** 000 三(六), 004 二.4: repeats without progress make a candidate for supervision. */
  'supervision.candidate': payload({ candidate: ZCandidateViewSchema }),
  /** A later call about a matter already flagged. */
  'supervision.candidate_updated': payload({ candidate: ZCandidateViewSchema }),
};
