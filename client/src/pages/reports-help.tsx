/** What each report figure counts, in the UI's language: the screen's help drawer and the printed report's foot (the maintainers' version with every rule: docs/REPORTS.md). */
import { Typography } from 'antd';
import { useI18n } from '../lib/i18n';

const FIGURE_HELP = [
  'rpt.help.period',
  'rpt.help.received',
  'rpt.help.dispatched',
  'rpt.help.onTime',
  'rpt.help.rates',
  'rpt.help.participation',
  'rpt.help.units',
  'rpt.help.compare',
  'rpt.help.repeats',
] as const;

export function FigureDefinitions({ className = 'report-help' }: { className?: string }) {
  const { t } = useI18n();
  return (
    <div className={className} data-testid="figure-definitions">
      {FIGURE_HELP.map((k) => (
        <Typography.Paragraph key={k}>{t(k)}</Typography.Paragraph>
      ))}
    </div>
  );
}
