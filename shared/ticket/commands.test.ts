import { describe, expect, it } from 'vitest';
import { COMMAND_INPUT_SCHEMAS, COMMANDS, isTicketCommand, ZDispatchInputSchema, ZReplyInputSchema } from './commands';
import { COMMAND_LABELS } from './labels';

const CJK = /[\u4e00-\u9fff]/;

describe('command input schemas', () => {
  it('has one schema and one label per command', () => {
    expect(Object.keys(COMMAND_INPUT_SCHEMAS)).toEqual([...COMMANDS]);
    expect(Object.keys(COMMAND_LABELS)).toEqual([...COMMANDS]);
    expect(isTicketCommand('reply')).toBe(true);
    expect(isTicketCommand('drop_table')).toBe(false);
  });

  it.each(COMMANDS)('%s answers bad input in Chinese on every field', (command) => {
    const schema = COMMAND_INPUT_SCHEMAS[command];
    for (const bad of [null, 42, 'x', { leadUnitId: 'x', at: 1, note: 5, approve: 'yes', reason: [], unitId: -1 }]) {
      const result = schema.safeParse(bad);
      if (result.success) continue; // e.g. accept takes no fields
      for (const issue of result.error.issues) expect(issue.message).toMatch(CJK);
    }
  });

  it('trims text and refuses blank fields', () => {
    const result = ZReplyInputSchema.safeParse({ outcome: 'resolved', facts: '  ', report: ' 已清理 ', citizenToldAt: 'today' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['facts', '请填写事实认定'],
      ['citizenToldAt', '答复市民时间须为带时区的时间（ISO 8601）'],
    ]);
    const ok = ZReplyInputSchema.parse({ outcome: 'filed', facts: '属实', report: ' 已清理 ', citizenToldAt: '2026-11-23T10:00:00+08:00' });
    expect(ok.report).toBe('已清理');
  });

  it('defaults the optional parts of a dispatch and refuses a lead that also assists', () => {
    expect(ZDispatchInputSchema.parse({ leadUnitId: 3 })).toEqual({ leadUnitId: 3, assistUnitIds: [], onSiteDetermination: false });
    const result = ZDispatchInputSchema.safeParse({ leadUnitId: 3, assistUnitIds: [4, 3] });
    expect(result.error?.issues.map((i) => i.message)).toEqual(['主办单位不能同时是协办单位']);
  });
});
