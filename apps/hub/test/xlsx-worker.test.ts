// The report export thread: workbooks are written off the hub's thread, the thread is reused
// while exports come, stops once idle (its memory given back), and a failure inside it is a
// clear error that leaves the next export working.
import type { PeriodReport } from '@luot/shared';
import ExcelJS from 'exceljs';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { XlsxExportError, XlsxWorker } from '../src/reports/xlsx-worker-client.ts';
import { DAYS, runReportScript } from './reports-fixture.ts';

let report: PeriodReport;
const workers: XlsxWorker[] = [];
const worker = (idleMs?: number) => {
  const w = new XlsxWorker(idleMs);
  workers.push(w);
  return w;
};
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
});

async function periodReport(): Promise<PeriodReport> {
  if (report) return report;
  const s = await runReportScript();
  try {
    const director = await s.director();
    const reply = await s.t.api('GET', `/api/v1/reports?from=${DAYS.mon}&to=${DAYS.thu}`, {
      token: director,
    });
    expect(reply.status).toBe(200);
    report = reply.body as PeriodReport;
    return report;
  } finally {
    await s.t.close();
  }
}

async function sheetsOf(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return book;
}

describe('xlsx export thread', () => {
  it('writes the workbook in a thread that serves one export after another', async () => {
    const r = await periodReport();
    const w = worker();
    expect(w.running).toBe(false);
    const [a, b] = await Promise.all([
      w.write({ report: r, centreName: 'Phường Ninh Kiều', at: Date.UTC(2025, 2, 14) }),
      w.write({ report: r, centreName: 'Phường Cái Khế', at: Date.UTC(2025, 2, 14) }),
    ]);
    expect(w.running).toBe(true);
    expect(w.started).toBe(1);
    const first = await sheetsOf(a);
    expect(first.getWorksheet('Tổng hợp')!.getCell('A1').value).toBe('Phường Ninh Kiều');
    expect(first.getWorksheet('Lĩnh vực')!.getCell('A1').value).toBe('Phường Ninh Kiều');
    expect((await sheetsOf(b)).getWorksheet('Tổng hợp')!.getCell('A1').value).toBe('Phường Cái Khế');
    // The totals row of the summary holds the report's numbers.
    const summary = first.getWorksheet('Tổng hợp')!;
    expect(summary.getCell('B6').value).toBe(r.totals.issued);
    await w.write({ report: r, centreName: 'x', at: 0 });
    expect(w.started).toBe(1);
  });

  it('stops the thread once idle and starts another for the next export, and logs both', async () => {
    const r = await periodReport();
    const w = worker(20);
    const lines: { msg: string }[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    await w.write({ report: r, centreName: 'A', at: 0 }, log);
    expect(w.running).toBe(true);
    await w.stopped();
    expect(w.running).toBe(false);
    expect(lines.map((l) => l.msg)).toEqual(['export thread started', 'export thread stopped']);
    const again = await sheetsOf(await w.write({ report: r, centreName: 'B', at: 0 }));
    expect(again.getWorksheet('Tổng hợp')!.getCell('A1').value).toBe('B');
    expect(w.started).toBe(2);
  });

  it('answers a report it cannot write with a clear error, and the next one still works', async () => {
    const r = await periodReport();
    const w = worker();
    const broken = { ...r, byService: null } as unknown as PeriodReport;
    const failed = w.write({ report: broken, centreName: 'A', at: 0 });
    await expect(failed).rejects.toBeInstanceOf(XlsxExportError);
    await expect(failed).rejects.toThrow(/the workbook could not be written/);
    const ok = await sheetsOf(await w.write({ report: r, centreName: 'A', at: 0 }));
    expect(ok.worksheets).toHaveLength(8);
    expect(w.started).toBe(1);
  });

  it('fails the exports in progress when the thread is stopped, then starts afresh', async () => {
    const r = await periodReport();
    const w = worker();
    const pending = w.write({ report: r, centreName: 'A', at: 0 });
    await w.stop();
    await expect(pending).rejects.toThrow(/the export thread stopped/);
    expect(w.running).toBe(false);
    expect((await sheetsOf(await w.write({ report: r, centreName: 'C', at: 0 }))).worksheets).toHaveLength(8);
    expect(w.started).toBe(2);
  });

  it('an export asked while the thread is stopping goes to a new thread, not to the one going away', async () => {
    const r = await periodReport();
    const w = worker();
    await w.write({ report: r, centreName: 'A', at: 0 });
    const stopping = w.stop();
    const next = w.write({ report: r, centreName: 'B', at: 0 });
    await stopping;
    expect((await sheetsOf(await next)).getWorksheet('Tổng hợp')!.getCell('A1').value).toBe('B');
    expect(w.started).toBe(2);
  });
});
