/**
 * The life of a supervision sheet (PRODUCT.md §6, 004 三) as data, readable like the rule: which
 * command runs from which state, to which state, by whom, and for which types. The server
 * enforces it; the client shows `allowedSupervisionCommands`.
 */
import type { Role } from '../domain';
import { AppError } from '../errors';
import { SUPERVISION_LABELS, type SupervisionState, type SupervisionType } from './types';

export const SUPERVISION_COMMANDS = ['reply', 'record_outcome', 'instruct', 'send_back', 'close', 'progress'] as const;
export type SupervisionCommand = (typeof SUPERVISION_COMMANDS)[number];

export interface SupervisionTransition {
  command: SupervisionCommand;
  from: readonly SupervisionState[];
  to: SupervisionState | 'same';
  roles: readonly Role[];
  /** The command only applies to these types (default: all). */
  types?: readonly SupervisionType[];
  /** liaison commands: only the supervised unit's own liaisons. */
  ownUnit?: boolean;
}

const ACTIVE: readonly SupervisionState[] = ['open', 'replied'];

export const SUPERVISION_TRANSITIONS: readonly SupervisionTransition[] = [
  // 004 三(一)2, 三(二)4, 三(三)4: the unit answers in writing, signed by its head, sealed
  { command: 'reply', from: ['open'], to: 'replied', roles: ['liaison'], ownUnit: true },
  // 004 三(二)3: after the joint site visit the centre records the outcome and the time limit
  { command: 'record_outcome', from: ACTIVE, to: 'same', roles: ['supervisor'], types: ['on_site'] },
  // PRODUCT.md §1: leaders give instructions on escalated matters (004 三(三)1–2 批办, 专题会)
  { command: 'instruct', from: ACTIVE, to: 'same', roles: ['leader', 'supervisor'] },
  // the centre finds the written reply insufficient: back to the unit, the clock keeps running
  { command: 'send_back', from: ['replied'], to: 'open', roles: ['supervisor'] },
  // 004 三(二)3 形成闭环: the centre verifies the result and closes the sheet
  { command: 'close', from: ACTIVE, to: 'closed', roles: ['supervisor'] },
  // 004 三(一)3, 三(二)5: no progress → the next type, on a new numbered sheet
  { command: 'progress', from: ACTIVE, to: 'progressed', roles: ['supervisor'], types: ['written', 'on_site'] },
];

export const SUPERVISION_COMMAND_LABELS = {
  reply: '书面反馈',
  record_outcome: '记录现场协调结果',
  instruct: '记录领导批示',
  send_back: '退回重新反馈',
  close: '办结督办',
  progress: '提级督办',
} as const satisfies Record<SupervisionCommand, string>;

export interface SupervisionActor {
  roles: readonly Role[];
  unitId: number | null;
}

export interface SupervisionSubject {
  state: SupervisionState;
  type: SupervisionType;
  unitId: number;
}

export function supervisionTransitionOf(command: SupervisionCommand): SupervisionTransition {
  const row = SUPERVISION_TRANSITIONS.find((t) => t.command === command);
  if (!row) throw new Error(`no transition for ${command}`);
  return row;
}

/** The role the actor acts in for `command`, or null when none of theirs may. */
export function supervisionRole(command: SupervisionCommand, actor: SupervisionActor): Role | null {
  const row = supervisionTransitionOf(command);
  return actor.roles.find((r) => row.roles.includes(r)) ?? null;
}

/**
 * Checks role, unit, type and state, in that order (a liaison of another unit learns nothing
 * about the sheet's state). Throws the refusal; returns the transition.
 */
export function authorizeSupervision(s: SupervisionSubject, command: SupervisionCommand, actor: SupervisionActor): SupervisionTransition {
  const row = supervisionTransitionOf(command);
  const label = SUPERVISION_COMMAND_LABELS[command];
  const role = supervisionRole(command, actor);
  if (!role) throw new AppError('forbidden_role', `当前角色无权${label}`);
  if (row.ownUnit && role === 'liaison' && actor.unitId !== s.unitId) {
    throw new AppError('wrong_unit', `只有被督办单位可以${label}`);
  }
  if (row.types && !row.types.includes(s.type)) {
    const message = command === 'progress' ? '提级协调督办已是最高一级，不能再提级' /* 004 三(三) */ : `${SUPERVISION_LABELS.type[s.type]}不能${label}`;
    throw new AppError('rule_violation', message);
  }
  if (!row.from.includes(s.state)) {
    const allowed = row.from.map((f) => `「${SUPERVISION_LABELS.state[f]}」`).join('、');
    throw new AppError('invalid_state', `督办当前为「${SUPERVISION_LABELS.state[s.state]}」，不能${label}（仅限${allowed}）`);
  }
  return row;
}

/** What the actor may do with the sheet now (for the UI). */
export function allowedSupervisionCommands(s: SupervisionSubject, actor: SupervisionActor): SupervisionCommand[] {
  return SUPERVISION_COMMANDS.filter((command) => {
    try {
      authorizeSupervision(s, command, actor);
      return true;
    } catch {
      return false;
    }
  });
}

export function nextSupervisionState(row: SupervisionTransition, from: SupervisionState): SupervisionState {
  return row.to === 'same' ? from : row.to;
}
