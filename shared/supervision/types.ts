/**
 * Supervision (督办, PRODUCT.md §6 / seed 004) as data: its scope, its three types, its states and who
 * may do what. Codes are the contract; labels live in shared/i18n/reports.ts and in
 * SUPERVISION_LABELS below for Chinese error messages and printed sheets.
 */

/** 004 二 协调督办范围, items 1–6. */
export const SUPERVISION_SCOPES = ['city_supervision', 'leader_instruction', 'cross_function', 'repeat_no_progress', 'mass_complaint', 'other'] as const;
export type SupervisionScope = (typeof SUPERVISION_SCOPES)[number];

/** 004 三: 书面督办 → 现场协调督办 → 提级协调督办. */
export const SUPERVISION_TYPES = ['written', 'on_site', 'escalated'] as const;
export type SupervisionType = (typeof SUPERVISION_TYPES)[number];

/** 004 三(三) 1–3: how a matter is escalated. */
export const ESCALATION_MODES = ['leader_instruction', 'special_meeting', 'special_report'] as const;
export type EscalationMode = (typeof ESCALATION_MODES)[number];

/**
 * open: waiting for the unit's written reply; replied: the reply waits for the centre's review;
 * closed: settled; progressed: no progress, the matter went on to the next type (a new sheet).
 */
export const SUPERVISION_STATES = ['open', 'replied', 'closed', 'progressed'] as const;
export type SupervisionState = (typeof SUPERVISION_STATES)[number];

/** What the unit reports in its written reply (004 三(一)2 书面反馈处置情况). */
export const REPLY_PROGRESS = ['resolved', 'in_progress', 'needs_coordination'] as const;
export type ReplyProgress = (typeof REPLY_PROGRESS)[number];

/** Where a candidate for supervision came from (issue 7 raises them; we only keep the reference). */
export const CANDIDATE_KINDS = ['repeat', 'cluster'] as const;
export type CandidateKind = (typeof CANDIDATE_KINDS)[number];

/**
 * 004 三(一)3 "经书面督办仍未有处置进展的，纳入提级办理范围", 三(二)5 the same after on-site
 * coordination, 三(三)1 "经书面督办、现场协调督办后": written may go on to on-site coordination
 * or straight to escalation; on-site goes to escalation; escalation is the last step.
 */
export const NEXT_TYPES = {
  written: ['on_site', 'escalated'],
  on_site: ['escalated'],
  escalated: [],
} as const satisfies Record<SupervisionType, readonly SupervisionType[]>;

export function nextTypesOf(type: SupervisionType): readonly SupervisionType[] {
  return NEXT_TYPES[type];
}

/** Prefix of supervision numbers: DB2026-0012 (督办, year, yearly sequence). */
export const SUPERVISION_PREFIX = 'DB';

export const SUPERVISION_LABELS = {
  type: { written: '书面督办', on_site: '现场协调督办', escalated: '提级协调督办' },
  state: { open: '待反馈', replied: '已反馈待审核', closed: '已办结', progressed: '已提级' },
  scope: {
    city_supervision: '市级督办事项',
    leader_instruction: '区、镇领导批示交办事项',
    cross_function: '职能交叉、政策缺失、推诿扯皮事项',
    repeat_no_progress: '重复投诉多次且办理未有明显进展',
    mass_complaint: '多人次集中投诉且诉求合理合法',
    other: '其他需协调督办事项',
  },
  progress: { resolved: '已处置完毕', in_progress: '正在处置', needs_coordination: '难以解决，需协调' },
  escalation: { leader_instruction: '区、镇领导批办', special_meeting: '镇领导专题会', special_report: '工作专报' },
} as const satisfies {
  type: Record<SupervisionType, string>;
  state: Record<SupervisionState, string>;
  scope: Record<SupervisionScope, string>;
  progress: Record<ReplyProgress, string>;
  escalation: Record<EscalationMode, string>;
};
