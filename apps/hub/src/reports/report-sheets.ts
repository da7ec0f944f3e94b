// What a report file holds (GET /api/v1/reports/export): the sheets after the summary, their
// Vietnamese headings and columns. Numbers stay numbers (waits in minutes, shares as fractions
// shown as percentages in Excel). Used by the CSV (export.ts) and the workbook (xlsx-book.ts).
import type { PeriodReport, ReportFigures } from '@luot/shared';

/** The period as people write it: "01/03/2025". */
export const vnDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

export const periodTitle = (r: PeriodReport) =>
  r.from === r.to
    ? `Báo cáo ngày ${vnDate(r.from)}`
    : `Báo cáo từ ngày ${vnDate(r.from)} đến ngày ${vnDate(r.to)}`;

export type Kind = 'count' | 'minutes' | 'share';
export interface Column<T> {
  heading: string;
  kind: Kind | 'text';
  value: (row: T) => string | number | null;
}

export const minutes = (s: number | null) => (s === null ? null : s / 60);

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

export interface Sheet<T> {
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

export const NUMBER_FORMAT: Record<Kind, string> = { count: '0', minutes: '0.0', share: '0.0%' };
