/**
 * A partial run (`npm run bench -- --only open311`) updates its own part of docs/PERFORMANCE.md
 * and leaves the rest as the last full run wrote it: the section between its markers
 * (`<!-- bench:<name> -->` … `<!-- /bench:<name> -->`, inserted before "How to run" the first
 * time) and its rows of the summary table, matched by their first cell.
 */
import type { BenchFigures, Section } from './figures';
import { clientSummaryRows, renderClientSection } from './report-client';
import { fanOutSummaryRows, renderFanOutSection } from './report-fanout';
import { intakeSummaryRows, renderIntakeSection } from './report-intake';
import { lighthouseSummaryRows, renderLighthouseSection } from './report-lighthouse';
import { open311SummaryRows, renderOpen311Section } from './report-open311';
import { renderRestartSection, restartSummaryRows } from './report-restart';
import { markdownTable } from './stats';

/** The sections a partial run may write, with their block and summary rows. */
export const SPLICEABLE: Partial<Record<Section, (f: BenchFigures) => { block: string; rows: string[][] }>> = {
  intake: (f) => ({ block: renderIntakeSection(f), rows: intakeSummaryRows(f) }),
  fanout: (f) => ({ block: renderFanOutSection(f), rows: fanOutSummaryRows(f) }),
  open311: (f) => ({ block: renderOpen311Section(f), rows: open311SummaryRows(f) }),
  lighthouse: (f) => ({ block: renderLighthouseSection(f), rows: lighthouseSummaryRows(f) }),
  restart: (f) => ({ block: renderRestartSection(f), rows: restartSummaryRows(f) }),
  client: (f) => ({ block: renderClientSection(f), rows: clientSummaryRows(f) }),
};

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function spliceSection(doc: string, name: string, block: string, rows: string[][]): string {
  const marked = new RegExp(`<!-- bench:${escapeRegExp(name)} -->[\\s\\S]*?<!-- /bench:${escapeRegExp(name)} -->\\n?`);
  let out: string;
  if (marked.test(doc)) out = doc.replace(marked, () => block);
  else {
    const howTo = doc.indexOf('\n## How to run');
    out = howTo >= 0 ? `${doc.slice(0, howTo + 1)}${block}\n${doc.slice(howTo + 1)}` : `${doc.trimEnd()}\n\n${block}`;
  }
  return spliceSummaryRows(out, rows);
}

function spliceSummaryRows(doc: string, rows: string[][]): string {
  if (rows.length === 0) return doc;
  const lines = doc.split('\n');
  const heading = lines.findIndex((l) => l.trim() === '## Summary');
  if (heading < 0) return doc;
  const start = lines.findIndex((l, i) => i > heading && l.startsWith('|'));
  if (start < 0) return doc;
  let end = start;
  while (end < lines.length && lines[end]?.startsWith('|')) end++;
  // The new rows' lines, as markdownTable writes them (its first two lines are the head).
  const written = markdownTable(['what', 'figure'], rows).split('\n').slice(2);
  const firstCell = (line: string) => line.split(' | ')[0]?.replace(/^\| /, '') ?? '';
  const replaced = new Set(written.map(firstCell));
  const kept = lines.slice(start, end).filter((l) => !replaced.has(firstCell(l)));
  return [...lines.slice(0, start), ...kept, ...written, ...lines.slice(end)].join('\n');
}
