/**
 * Issue 19.3, WCAG 2.1 1.1.1: a chart is drawn on a canvas, which has no text. Its figures go
 * beside it as a visually hidden table a screen reader reads; the canvas itself is hidden from it.
 */
import type { ReactNode } from 'react';

export interface ChartFiguresProps {
  /** What the chart shows, read as the table's caption. */
  title: string;
  /** The column heads: what a row names, then each figure. */
  head: string[];
  /** One row per bar, slice or day: its name, then its figures as shown. */
  rows: (string | number | null)[][];
}

export function ChartFigures({ title, head, rows }: ChartFiguresProps) {
  return (
    <table className="sr-only" data-testid="chart-figures">
      <caption>{title}</caption>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={i} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, ...figures], i) => (
          <tr key={i}>
            <th scope="row">{name}</th>
            {figures.map((f, j) => (
              <td key={j}>{f ?? '—'}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A chart's canvas, hidden from screen readers, with its figures as a table they read instead. */
export function DescribedChart({
  figures,
  className,
  testId,
  children,
}: {
  figures: ChartFiguresProps;
  className: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <div data-testid={testId} className={className}>
      <div aria-hidden="true" style={{ height: '100%' }}>
        {children}
      </div>
      <ChartFigures {...figures} />
    </div>
  );
}
