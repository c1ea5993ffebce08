/**
 * The wallboard's charts (ECharts through echarts/core with only what is drawn here, so the
 * operator's page never downloads them: the wallboard is a lazy chunk). Dark, large type, no
 * animation — a wall screen read from across the room.
 */
// The ESM build: Vite 8 (rolldown) hands the CommonJS lib/core's default import over as a module object (React error 130).
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { DescribedChart } from '../components/chart-figures';
import { useI18n } from '../lib/i18n';

echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, CanvasRenderer]);

const FONT = "'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif";
const AXIS = '#94a3b8';
const text = { fontFamily: FONT, color: '#e2e8f0', fontSize: 14 };

function Chart({ option, testId, title, bars }: { option: echarts.EChartsCoreOption; testId: string; title: string; bars: Bar[] }) {
  const { t } = useI18n();
  return (
    <DescribedChart
      className="wb-chart"
      testId={testId}
      figures={{ title, head: [t('a11y.chartItem'), t('a11y.chartValue')], rows: bars.map((b) => [b.label, b.value]) }}
    >
      <ReactEChartsCore
        echarts={echarts}
        option={{ textStyle: text, animation: false, backgroundColor: 'transparent', ...option }}
        style={{ height: '100%', width: '100%' }}
        notMerge
        lazyUpdate
      />
    </DescribedChart>
  );
}

export interface Bar {
  label: string;
  value: number;
  color: string;
}

/** Vertical bars with their numbers on top (tickets by state). */
export function ColumnChart({ bars, testId, title }: { bars: Bar[]; testId: string; title: string }) {
  return (
    <Chart
      testId={testId}
      title={title}
      bars={bars}
      option={{
        grid: { left: 8, right: 8, top: 34, bottom: 4, containLabel: true },
        tooltip: { trigger: 'item' },
        xAxis: {
          type: 'category',
          data: bars.map((b) => b.label),
          axisLabel: { color: AXIS, fontSize: 15 },
          axisLine: { lineStyle: { color: '#334155' } },
          axisTick: { show: false },
        },
        yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#1e293b' } }, axisLabel: { color: AXIS, fontSize: 12 } },
        series: [
          {
            type: 'bar',
            barMaxWidth: 56,
            data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.color, borderRadius: [4, 4, 0, 0] } })),
            label: { show: true, position: 'top', color: '#f8fafc', fontSize: 22, fontWeight: 'bold' },
          },
        ],
      }}
    />
  );
}

/** Horizontal bars, longest on top (overdue tickets by unit). */
export function RowChart({ bars, testId, title }: { bars: Bar[]; testId: string; title: string }) {
  const rows = [...bars].reverse();
  return (
    <Chart
      testId={testId}
      title={title}
      bars={bars}
      option={{
        grid: { left: 8, right: 40, top: 4, bottom: 4, containLabel: true },
        tooltip: { trigger: 'item' },
        xAxis: { type: 'value', minInterval: 1, show: false },
        yAxis: {
          type: 'category',
          data: rows.map((b) => b.label),
          axisLabel: { color: '#e2e8f0', fontSize: 15 },
          axisLine: { show: false },
          axisTick: { show: false },
        },
        series: [
          {
            type: 'bar',
            barMaxWidth: 22,
            data: rows.map((b) => ({ value: b.value, itemStyle: { color: b.color, borderRadius: [0, 4, 4, 0] } })),
            label: { show: true, position: 'right', color: '#f8fafc', fontSize: 18, fontWeight: 'bold' },
          },
        ],
      }}
    />
  );
}

/** A ring with the total in the middle (open tickets by light). */
/** A ring of shares with the total in the middle; `labels={false}` when a legend beside it names the slices. */
export function RingChart({
  bars,
  total,
  caption,
  testId,
  title,
  labels = true,
}: {
  bars: Bar[];
  total: number;
  caption: string;
  testId: string;
  title: string;
  labels?: boolean;
}) {
  return (
    <Chart
      testId={testId}
      title={title}
      bars={bars}
      option={{
        tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
        title: undefined,
        series: [
          {
            type: 'pie',
            radius: ['52%', '80%'],
            center: ['50%', '50%'],
            avoidLabelOverlap: true,
            label: {
              show: labels,
              color: '#e2e8f0',
              fontSize: 14,
              formatter: (p: { name: string; value: number }) => (p.value > 0 ? `${p.name} ${p.value}` : ''),
            },
            labelLine: { lineStyle: { color: '#475569' } },
            itemStyle: { borderColor: '#0b1220', borderWidth: 2 },
            // Empty slices would still draw their label lines.
            data: bars.filter((b) => b.value > 0).map((b) => ({ name: b.label, value: b.value, itemStyle: { color: b.color } })),
          },
          {
            type: 'pie',
            radius: ['0%', '0%'],
            label: {
              show: true,
              position: 'center',
              formatter: `{n|${total}}\n{c|${caption}}`,
              rich: {
                n: { fontSize: 34, fontWeight: 'bold', color: '#f8fafc', fontFamily: FONT },
                c: { fontSize: 13, color: AXIS, fontFamily: FONT, padding: [4, 0, 0, 0] },
              },
            },
            data: [{ value: 1, name: '', itemStyle: { color: 'transparent' } }],
            tooltip: { show: false },
            silent: true,
          },
        ],
      }}
    />
  );
}
