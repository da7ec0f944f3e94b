// The dashboard's exports: a period's figures per centre, per field or per national procedure
// code, as an Excel workbook or as CSV (RFC 4180, UTF-8 with a BOM so that Excel reads the
// Vietnamese names). Headings in Vietnamese, shares as fractions formatted as percentages.
import type { CityFiguresWithShares } from '@luot/shared';
import { targetWaitMs } from '@luot/shared';
import ExcelJS from 'exceljs';
import type { City } from '../city.ts';
import { breakdownsData } from '../db/breakdowns.ts';
import { settingsData } from '../db/settings.ts';
import { statsData } from '../db/stats.ts';

export type ExportBy = 'centre' | 'field' | 'procedure';

interface Column {
  heading: string;
  kind: 'text' | 'count' | 'seconds' | 'share';
  value: (r: ExportRow) => string | number | null;
}
type ExportRow = CityFiguresWithShares & { key: string; name: string };

const KEY_HEADINGS: Record<ExportBy, [string, string]> = {
  centre: ['Mã trung tâm', 'Trung tâm'],
  field: ['Mã lĩnh vực', 'Lĩnh vực'],
  procedure: ['Mã thủ tục', 'Tên thủ tục'],
};
const TITLES: Record<ExportBy, string> = {
  centre: 'Số liệu phục vụ theo trung tâm',
  field: 'Số liệu phục vụ theo lĩnh vực',
  procedure: 'Số liệu phục vụ theo thủ tục',
};

function columns(by: ExportBy, targetMinutes: number): Column[] {
  const [keyHeading, nameHeading] = KEY_HEADINGS[by];
  return [
    { heading: keyHeading, kind: 'text', value: (r) => r.key },
    { heading: nameHeading, kind: 'text', value: (r) => r.name },
    { heading: 'Đã cấp số', kind: 'count', value: (r) => r.issued },
    { heading: 'Đã phục vụ', kind: 'count', value: (r) => r.served },
    { heading: 'Vắng mặt', kind: 'count', value: (r) => r.noShow },
    { heading: 'Đã hủy', kind: 'count', value: (r) => r.cancelled },
    { heading: 'Hết hạn', kind: 'count', value: (r) => r.expired },
    { heading: 'Chờ trung bình (giây)', kind: 'seconds', value: (r) => r.avgWaitSeconds },
    { heading: 'Chờ p90 (giây)', kind: 'seconds', value: (r) => r.p90WaitSeconds },
    { heading: 'Phục vụ trung bình (giây)', kind: 'seconds', value: (r) => r.avgServiceSeconds },
    { heading: `Tỉ lệ chờ ≤ ${targetMinutes} phút`, kind: 'share', value: (r) => r.withinTargetShare },
    { heading: 'Tỉ lệ vắng mặt', kind: 'share', value: (r) => r.noShowShare },
    { heading: 'Tỉ lệ hài lòng', kind: 'share', value: (r) => r.satisfiedShare },
    { heading: 'Rất hài lòng', kind: 'count', value: (r) => r.ratings['4'] },
    { heading: 'Hài lòng', kind: 'count', value: (r) => r.ratings['3'] },
    { heading: 'Bình thường', kind: 'count', value: (r) => r.ratings['2'] },
    { heading: 'Chưa hài lòng', kind: 'count', value: (r) => r.ratings['1'] },
  ];
}

const NUMBER_FORMAT = { count: '#,##0', seconds: '#,##0.0', share: '0.0%' } as const;

export interface CityExport {
  fileName: string;
  contentType: string;
  body: Buffer;
}

async function rowsOf(city: City, by: ExportBy, from: string, to: string, targetMs: number) {
  if (by === 'centre') {
    const rows = await statsData(city.db).perCentre(from, to, null, targetMs);
    return rows.map((c) => ({ ...c.figures, key: c.code, name: c.name }));
  }
  const breakdowns = breakdownsData(city.db);
  return by === 'field'
    ? breakdowns.fields(null, from, to, targetMs)
    : breakdowns.procedures(null, from, to, targetMs);
}

const csvCell = (v: string | number | null): string => {
  if (v === null) return '';
  const text = String(v);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export async function cityExport(
  city: City,
  query: { from: string; to: string; by: ExportBy; format: 'xlsx' | 'csv' },
): Promise<CityExport> {
  const { from, to, by, format } = query;
  const settings = await settingsData(city.db).get();
  const targetMs = targetWaitMs(settings.targetWaitMinutes);
  const [rows, total] = await Promise.all([
    rowsOf(city, by, from, to, targetMs),
    statsData(city.db).total(from, to, null, targetMs),
  ]);
  const cols = columns(by, settings.targetWaitMinutes);
  const totalRow: ExportRow = { ...total, key: '', name: 'Toàn thành phố' };
  const title = `${TITLES[by]}, từ ${from} đến ${to}`;
  const fileName = `luot-thanh-pho-${by}-${from}-${to}.${format}`;
  if (format === 'csv') {
    const lines = [
      [title],
      cols.map((c) => c.heading),
      ...[...rows, totalRow].map((r) => cols.map((c) => c.value(r))),
    ];
    const body = `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
    return { fileName, contentType: 'text/csv; charset=utf-8', body: Buffer.from(body, 'utf8') };
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Lượt';
  wb.created = new Date(city.now());
  const ws = wb.addWorksheet('Số liệu');
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.addRow([]);
  const header = ws.addRow(cols.map((c) => c.heading));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  for (const r of rows) ws.addRow(cols.map((c) => c.value(r)));
  ws.addRow(cols.map((c) => c.value(totalRow))).font = { bold: true };
  cols.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    column.width =
      c.kind === 'text' ? Math.max(14, ...rows.map((r) => String(c.value(r) ?? '').length + 2)) : 14;
    if (c.kind !== 'text') column.numFmt = NUMBER_FORMAT[c.kind];
  });
  ws.views = [{ state: 'frozen', ySplit: 3, xSplit: 2 }];
  return {
    fileName,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
