// Report files (GET /api/v1/reports/export): an Excel workbook with one sheet per breakdown,
// or a CSV of the totals and the by-field table, Vietnamese headings (report-sheets.ts). The
// workbook is written by exceljs in a worker thread (xlsx-worker-client.ts), so the hub's own
// memory never holds exceljs.
import type { PeriodReport, ReportFormat } from '@luot/shared';
import type { Logger } from '../log.ts';
import { periodTitle, sheets } from './report-sheets.ts';
import { xlsxWorker } from './xlsx-worker-client.ts';

/**
 * Text a spreadsheet would run as a formula when the file is opened (OWASP, CSV injection):
 * = + - @, tab and carriage return first, also line feed and their full-width forms.
 */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * One CSV cell. Names typed by people (fields, counters, officers, the centre) are text: one that
 * starts like a formula gets a leading ' so Excel and LibreOffice show it, not run it. Figures
 * are numbers, written as numbers: -3 stays the number -3, not the text '-3.
 */
export const csvCell = (v: string | number | null): string => {
  if (v === null) return '';
  let s: string;
  if (typeof v === 'number') s = String(Math.round(v * 10_000) / 10_000);
  else s = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** CSV (RFC 4180, UTF-8 with a BOM for Excel): the title, then fields and the totals row. */
export function reportCsv(r: PeriodReport, centreName: string): string {
  const byField = sheets(r)[0]!;
  const lines: (string | number | null)[][] = [
    [centreName],
    [periodTitle(r)],
    [],
    byField.columns.map((c) => c.heading),
  ];
  for (const row of [...byField.rows, byField.total!]) lines.push(byField.columns.map((c) => c.value(row)));
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export async function exportReport(
  r: PeriodReport,
  format: ReportFormat,
  centreName: string,
  at: Date,
  log?: Logger,
): Promise<{ filename: string; contentType: string; body: Buffer }> {
  const filename = `bao-cao-${r.from}_${r.to}.${format}`;
  const body =
    format === 'csv'
      ? Buffer.from(reportCsv(r, centreName), 'utf8')
      : await xlsxWorker().write({ report: r, centreName, at: at.getTime() }, log);
  return { filename, contentType: CONTENT_TYPES[format], body };
}
