// Report files (GET /api/v1/reports/export): an Excel workbook with one sheet per breakdown,
// or a CSV of the totals and the by-field table. Headings are Vietnamese; numbers stay numbers
// (waits in minutes, shares as fractions shown as percentages in Excel).
import type { PeriodReport, ReportFigures, ReportFormat } from '@luot/shared';
import type { Workbook, Worksheet } from 'exceljs';

/** The period as people write it: "01/03/2025". */
export const vnDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

export const periodTitle = (r: PeriodReport) =>
  r.from === r.to
    ? `Báo cáo ngày ${vnDate(r.from)}`
    : `Báo cáo từ ngày ${vnDate(r.from)} đến ngày ${vnDate(r.to)}`;

type Kind = 'count' | 'minutes' | 'share';
interface Column<T> {
  heading: string;
  kind: Kind | 'text';
  value: (row: T) => string | number | null;
}

const minutes = (s: number | null) => (s === null ? null : s / 60);

/** The figure columns shared by the totals, fields, counters and officers. */
export const FIGURE_COLUMNS: Column<ReportFigures>[] = [
  { heading: 'Số phiếu đã cấp', kind: 'count', value: (f) => f.issued },
  { heading: 'Đã phục vụ', kind: 'count', value: (f) => f.served },
  { heading: 'Vắng mặt', kind: 'count', value: (f) => f.noShow },
  { heading: 'Đã huỷ', kind: 'count', value: (f) => f.cancelled },
  { heading: 'Hết hạn', kind: 'count', value: (f) => f.expired },
  { heading: 'Chờ trung bình (phút)', kind: 'minutes', value: (f) => minutes(f.avgWaitSeconds) },
  { heading: 'Chờ P90 (phút)', kind: 'minutes', value: (f) => minutes(f.p90WaitSeconds) },
  { heading: 'Phục vụ trung bình (phút)', kind: 'minutes', value: (f) => minutes(f.avgServiceSeconds) },
  { heading: 'Tỉ lệ đạt thời gian chờ mục tiêu', kind: 'share', value: (f) => f.withinTargetShare },
  { heading: 'Rất hài lòng', kind: 'count', value: (f) => f.ratings['4'] },
  { heading: 'Hài lòng', kind: 'count', value: (f) => f.ratings['3'] },
  { heading: 'Bình thường', kind: 'count', value: (f) => f.ratings['2'] },
  { heading: 'Không hài lòng', kind: 'count', value: (f) => f.ratings['1'] },
  { heading: 'Mức độ hài lòng', kind: 'share', value: (f) => f.satisfiedShare },
];

const text = <T>(heading: string, value: (row: T) => string | number): Column<T> => ({
  heading,
  kind: 'text',
  value,
});
const withFigures = <T extends ReportFigures>(...first: Column<T>[]): Column<T>[] => [
  ...first,
  ...(FIGURE_COLUMNS as Column<T>[]),
];

const bucketLabel = (from: number, to: number | null) => (to === null ? `${from} trở lên` : `${from}–${to}`);

type ByService = { name: string } & ReportFigures;
type ByCounter = PeriodReport['byCounter'][number];
type ByOfficer = PeriodReport['byOfficer'][number];
type ByProcedure = PeriodReport['byProcedure'][number];
type ByHour = PeriodReport['byHour'][number];
type ByDay = PeriodReport['byDay'][number];
type Bucket = PeriodReport['waitDistribution'][number];

interface Sheet<T> {
  name: string;
  columns: Column<T>[];
  rows: readonly T[];
  /** A last "Tổng cộng" row, where the rows add up to the totals. */
  total?: T;
}
const sheet = <T>(s: Sheet<T>) => s as unknown as Sheet<unknown>;

/** Every sheet of the workbook after the summary, in order. */
export function sheets(r: PeriodReport): Sheet<unknown>[] {
  return [
    sheet<ByService>({
      name: 'Lĩnh vực',
      columns: withFigures(text('Lĩnh vực', (s) => s.name)),
      rows: r.byService,
      total: { name: 'Tổng cộng', ...r.totals },
    }),
    sheet<ByCounter>({
      name: 'Quầy',
      columns: withFigures(
        text('Quầy', (c) => c.number),
        text('Tên quầy', (c) => c.name),
      ),
      rows: r.byCounter,
    }),
    sheet<ByOfficer>({
      name: 'Cán bộ',
      columns: withFigures(text('Cán bộ', (o) => o.displayName)),
      rows: r.byOfficer,
    }),
    sheet<ByProcedure>({
      name: 'Thủ tục',
      columns: [
        text('Thủ tục', (p) => p.name),
        text('Lĩnh vực', (p) => r.byService.find((s) => s.serviceId === p.serviceId)?.name ?? p.serviceId),
        { heading: 'Số lượt giải quyết', kind: 'count', value: (p) => p.count },
      ],
      rows: r.byProcedure,
    }),
    sheet<ByHour>({
      name: 'Theo giờ',
      columns: [
        text('Giờ', (h) => h.hour),
        { heading: 'Số phiếu đã cấp', kind: 'count', value: (h) => h.issued },
        { heading: 'Đã phục vụ', kind: 'count', value: (h) => h.served },
        { heading: 'Chờ trung bình (phút)', kind: 'minutes', value: (h) => minutes(h.avgWaitSeconds) },
      ],
      rows: r.byHour,
    }),
    sheet<ByDay>({
      name: 'Theo ngày',
      columns: [
        text('Ngày', (d) => vnDate(d.date)),
        { heading: 'Số phiếu đã cấp', kind: 'count', value: (d) => d.issued },
        { heading: 'Đã phục vụ', kind: 'count', value: (d) => d.served },
        { heading: 'Vắng mặt', kind: 'count', value: (d) => d.noShow },
        { heading: 'Chờ trung bình (phút)', kind: 'minutes', value: (d) => minutes(d.avgWaitSeconds) },
      ],
      rows: r.byDay,
    }),
    sheet<Bucket>({
      name: 'Thời gian chờ',
      columns: [
        text('Thời gian chờ (phút)', (b) => bucketLabel(b.fromMinutes, b.toMinutes)),
        { heading: 'Số phiếu', kind: 'count', value: (b) => b.count },
      ],
      rows: r.waitDistribution,
    }),
  ];
}

const NUMBER_FORMAT: Record<Kind, string> = { count: '0', minutes: '0.0', share: '0.0%' };

function fillSheet(ws: Worksheet, title: string[], s: Sheet<unknown>): void {
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

async function workbook(r: PeriodReport, centreName: string, at: Date): Promise<Workbook> {
  const { default: ExcelJS } = await import('exceljs');
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
  return wb;
}

const csvCell = (v: string | number | null) => {
  if (v === null) return '';
  const s = typeof v === 'number' ? String(Math.round(v * 10_000) / 10_000) : v;
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
): Promise<{ filename: string; contentType: string; body: Buffer }> {
  const filename = `bao-cao-${r.from}_${r.to}.${format}`;
  const body =
    format === 'csv'
      ? Buffer.from(reportCsv(r, centreName), 'utf8')
      : Buffer.from(await (await workbook(r, centreName, at)).xlsx.writeBuffer());
  return { filename, contentType: CONTENT_TYPES[format], body };
}
