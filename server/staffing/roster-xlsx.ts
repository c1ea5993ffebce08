/** Issue 18.3: the plan as a workbook — one sheet per day, a row per half-hour, gaps filled red. */
import ExcelJS from 'exceljs';
import type { RosterAnswer } from '../../shared/schemas/staffing';
import { slotLabel } from '../../shared/staffing/forecast';

const GAP_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFECACA' } };

export async function rosterXlsxBuffer(roster: RosterAnswer): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '九亭镇62112345便民服务专线';
  const summary = wb.addWorksheet('汇总');
  summary.columns = [
    { header: '日期', key: 'date', width: 12 },
    { header: '预测来电', key: 'calls', width: 10 },
    { header: '缺口时段（半小时）', key: 'gaps', width: 18 },
    { header: '最大缺口（人）', key: 'worst', width: 14 },
  ];
  for (const d of roster.days) {
    const shortBy = d.required.map((r, s) => r - (d.staffed[s] ?? 0));
    summary.addRow({
      date: d.date,
      calls: Math.round(d.calls.reduce((a, b) => a + b, 0)),
      gaps: shortBy.filter((g) => g > 0).length,
      worst: Math.max(0, ...shortBy),
    });
    const sheet = wb.addWorksheet(d.date);
    sheet.columns = [
      { header: '时段', key: 'slot', width: 8 },
      { header: '预测来电', key: 'calls', width: 10 },
      { header: '需排班（含缩减）', key: 'required', width: 16 },
      { header: '已排班', key: 'staffed', width: 8 },
      { header: '缺口', key: 'gap', width: 8 },
    ];
    d.required.forEach((required, s) => {
      const staffed = d.staffed[s] ?? 0;
      const row = sheet.addRow({ slot: slotLabel(s), calls: d.calls[s] ?? 0, required, staffed, gap: Math.max(0, required - staffed) });
      if (staffed < required) row.eachCell((cell) => (cell.fill = GAP_FILL));
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
