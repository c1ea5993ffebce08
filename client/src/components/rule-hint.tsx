/**
 * Issue 16.8: where a screen explains a rule, the sentence is plain words and the rule's source
 * (document and article) is a small mark with a tooltip — reachable by Tab (focus shows it), so a
 * liaison on a tablet or at the keyboard can still look it up.
 */
import { Tooltip } from 'antd';
import { ruleReference, type RuleCitation } from '../../../shared/i18n/rule-references';
import { useI18n } from '../lib/i18n';

export function RuleHint({ cite }: { cite: readonly RuleCitation[] }) {
  const { t, locale } = useI18n();
  const reference = ruleReference(cite, locale);
  return (
    // Hover at a desk, focus from the keyboard, a tap on a tablet.
    <Tooltip title={reference} trigger={['hover', 'focus', 'click']}>
      <span className="rule-hint" tabIndex={0} role="note" aria-label={reference} data-testid="rule-hint">
        {t('rule.source')}
      </span>
    </Tooltip>
  );
}

/** A sentence with its source beside it. */
export function WithRule({ text, cite }: { text: string; cite: readonly RuleCitation[] }) {
  return (
    <>
      {text} <RuleHint cite={cite} />
    </>
  );
}
