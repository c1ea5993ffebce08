/**
 * Issue 16.8: no UI string carries a rule's internal code ("000 三(二)", "001 二.2", "004 三(一)2");
 * the sentence says the rule in plain words and the source goes in a tooltip, named in full.
 */
import { describe, expect, it } from 'vitest';
import { auditMessages } from './audit';
import { calendarMessages } from './calendar';
import { callsMessages } from './calls';
import { consoleMessages } from './console';
import { coreMessages } from './core';
import { reportsMessages } from './reports';
import { ruleReference } from './rule-references';
import { rulesMessages } from './rules';
import { workspaceMessages } from './workspaces';

const RULE_CODE = /\b00[0-4] ?(?:第|[一二三四五六七八九十]|附件)/;

describe('rule references on screen', () => {
  it('no message, Chinese or English, shows a rule code', () => {
    const all = {
      ...auditMessages,
      ...calendarMessages,
      ...callsMessages,
      ...consoleMessages,
      ...coreMessages,
      ...reportsMessages,
      ...rulesMessages,
      ...workspaceMessages,
    } as Record<string, readonly [string, string]>;
    const coded = Object.entries(all).filter(([, [zh, en]]) => RULE_CODE.test(zh) || RULE_CODE.test(en));
    expect(coded).toEqual([]);
  });

  it('names the document in full in the tooltip, in both languages', () => {
    expect(ruleReference([['000', '三(二)']], 'zh-CN')).toBe('依据：《新桥镇“12345”热线工单办理细则（试行）》三(二)');
    expect(
      ruleReference(
        [
          ['001', '二.2'],
          ['000', '二(二)'],
        ],
        'en',
      ),
    ).toBe('Source: Xiayang sub-district 12345 hotline rules (2022), 二.2; Xinqiao town 12345 work-order rules (2022), 二(二)');
  });
});
