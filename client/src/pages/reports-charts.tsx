/**
 * The report's charts (PRODUCT.md §10 "charts on screen"): ECharts through echarts/core with only the
 * charts and components used here (../shared/NOTES.md: keep the bundle small).
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCoreModule from 'echarts-for-react/lib/core';
import type { CountRow, ReportFigures, UnitRow } from '../../../shared/schemas/reports';
import { DescribedChart, type ChartFiguresProps } from '../components/chart-figures';
import { useI18n } from '../lib/i18n';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

// lib/core is CommonJS (exports.default); the bundler hands over the module object, not the component.
const ReactEChartsCore = ((ReactEChartsCoreModule as unknown as { default?: typeof ReactEChartsCoreModule }).default ??
  ReactEChartsCoreModule) as typeof ReactEChartsCoreModule;

const FONT = "'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif";
const BLUE = '#1d4ed8';
const text = { fontFamily: FONT, color: '#334155' };

function Chart({ option, height, testId, figures }: { option: echarts.EChartsCoreOption; height: number; testId: string; figures: ChartFiguresProps }) {
  return (
    <DescribedChart testId={testId} className="report-chart" figures={figures}>
      <ReactEChartsCore echarts={echarts} option={{ textStyle: text, animation: false, ...option }} style={{ height, width: '100%' }} notMerge lazyUpdate />
    </DescribedChart>
  );
}

export function DailyChart({ daily, height = 220 }: { daily: ReportFigures['daily']; height?: number }) {
  const { t } = useI18n();
  return (
    <Chart
      testId="chart-daily"
      figures={{ title: t('rpt.chart.daily'), head: [t('a11y.chartItem'), t('a11y.chartValue')], rows: daily.map((d) => [d.date, d.count]) }}
      height={height}
      option={{
        grid: { left: 36, right: 12, top: 16, bottom: 28 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: daily.map((d) => d.date.slice(5)), axisLabel: { fontSize: 11 } },
        yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 11 } },
        series: [{ type: 'bar', data: daily.map((d) => d.count), itemStyle: { color: BLUE }, barMaxWidth: 14 }],
      }}
    />
  );
}

export function CategoryChart({ rows, label, height = 260 }: { rows: CountRow[]; label: (r: CountRow) => string; height?: number }) {
  const { t } = useI18n();
  const top = rows.slice(0, 10).reverse();
  return (
    <Chart
      testId="chart-category"
      figures={{ title: t('rpt.chart.category'), head: [t('a11y.chartItem'), t('a11y.chartValue')], rows: rows.slice(0, 10).map((r) => [label(r), r.count]) }}
      height={height}
      option={{
        grid: { left: 118, right: 28, top: 8, bottom: 20 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 11 } },
        yAxis: { type: 'category', data: top.map(label), axisLabel: { fontSize: 12, width: 108, overflow: 'truncate' } },
        series: [
          {
            type: 'bar',
            data: top.map((r) => r.count),
            itemStyle: { color: '#0f766e' },
            barMaxWidth: 16,
            label: { show: true, position: 'right', fontSize: 11 },
          },
        ],
      }}
    />
  );
}

export function SourceChart({ rows, label, height = 260 }: { rows: CountRow[]; label: (r: CountRow) => string; height?: number }) {
  const { t } = useI18n();
  return (
    <Chart
      testId="chart-source"
      figures={{ title: t('rpt.chart.source'), head: [t('a11y.chartItem'), t('a11y.chartValue')], rows: rows.map((r) => [label(r), r.count]) }}
      height={height}
      option={{
        tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
        legend: { bottom: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 } },
        series: [
          {
            type: 'pie',
            radius: ['38%', '66%'],
            center: ['50%', '44%'],
            data: rows.map((r) => ({ name: label(r), value: r.count })),
            label: { formatter: '{c}', fontSize: 11 },
            color: [BLUE, '#0f766e', '#b45309', '#7c3aed', '#be123c'],
          },
        ],
      }}
    />
  );
}

export function UnitsChart({ units, satisfaction, resolution, height = 260 }: { units: UnitRow[]; satisfaction: string; resolution: string; height?: number }) {
  const ranked = units.filter((u) => u.rank !== null);
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  // A town has twenty-odd units: their names stand steeply so they do not run into each other.
  const rotate = ranked.length > 12 ? 60 : ranked.length > 5 ? 25 : 0;
  const { t } = useI18n();
  const percent = (v: number | null) => (v === null ? null : `${pct(v)}%`);
  return (
    <Chart
      testId="chart-units"
      figures={{
        title: `${satisfaction} / ${resolution}`,
        head: [t('a11y.chartItem'), satisfaction, resolution],
        rows: ranked.map((u) => [u.unitName, percent(u.satisfactionRate.rate), percent(u.resolutionRate.rate)]),
      }}
      height={height}
      option={{
        grid: { left: 40, right: 12, top: 30, bottom: rotate === 60 ? 72 : 48 },
        legend: { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 } },
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
        xAxis: { type: 'category', data: ranked.map((u) => u.unitName), axisLabel: { interval: 0, fontSize: 11, width: 72, overflow: 'truncate', rotate } },
        yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%', fontSize: 11 } },
        series: [
          {
            name: satisfaction,
            type: 'bar',
            barMaxWidth: 18,
            data: ranked.map((u) => ({ value: pct(u.satisfactionRate.rate), itemStyle: { color: u.bottomThree ? '#dc2626' : BLUE } })),
          },
          { name: resolution, type: 'bar', barMaxWidth: 18, itemStyle: { color: '#94a3b8' }, data: ranked.map((u) => pct(u.resolutionRate.rate)) },
        ],
      }}
    />
  );
}
