// The Excel workbook of a period report: a summary sheet, then one sheet per breakdown
// (report-sheets.ts). Runs in the export worker thread (xlsx-worker.ts), never in the hub's.
import type { PeriodReport } from '@luot/shared';
import ExcelJS from 'exceljs';
import { FIGURE_COLUMNS, NUMBER_FORMAT, periodTitle, type Sheet, sheets } from './report-sheets.ts';

function fillSheet(ws: ExcelJS.Worksheet, title: string[], s: Sheet<unknown>): void {
  ws.addRow([title[0]]).font = { bold: true, size: 14 };
  ws.addRow([title[1]]).font = { italic: true };
  ws.addRow([]);
  const header = ws.addRow(s.columns.map((c) => c.heading));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  for (const row of [...s.rows, ...(s.total ? [s.total] : [])]) {
    const added = ws.addRow(s.columns.map((c) => c.value(row)));
    if (row === s.total) added.font = { bold: true };
  }
  s.columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    column.width = c.kind === 'text' ? Math.max(12, ...s.rows.map((r) => String(c.value(r)).length + 2)) : 14;
    if (c.kind !== 'text') column.numFmt = NUMBER_FORMAT[c.kind];
  });
  ws.views = [{ state: 'frozen', ySplit: 4, xSplit: 1 }];
}

/** The .xlsx file's bytes. */
export async function xlsxBook(r: PeriodReport, centreName: string, at: Date): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Lượt';
  wb.created = at;
  const title = [centreName, periodTitle(r)];
  const summary = wb.addWorksheet('Tổng hợp');
  summary.addRow([title[0]]).font = { bold: true, size: 14 };
  summary.addRow([title[1]]).font = { italic: true };
  summary.addRow([]);
  summary.addRow(['Số ngày', r.days]);
  summary.addRow(['Thời gian chờ mục tiêu (phút)', r.targetWaitMinutes]);
  for (const c of FIGURE_COLUMNS) {
    const row = summary.addRow([c.heading, c.value(r.totals)]);
    if (c.kind !== 'text') row.getCell(2).numFmt = NUMBER_FORMAT[c.kind];
  }
  summary.getColumn(1).width = 34;
  summary.getColumn(2).width = 14;
  for (const s of sheets(r)) fillSheet(wb.addWorksheet(s.name), title, s);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
