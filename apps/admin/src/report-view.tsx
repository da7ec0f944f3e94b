// One period's report as the director reads it: totals cards, charts, satisfaction, and the
// tables by field, counter, officer, procedure and hour.
import { RATING_LABELS } from '@luot/shared';
import { DataTable, type DataTableColumn, type Language } from '@luot/ui';
import type { ReactNode } from 'react';
import { DayChart, HourChart, WaitChart } from './charts.tsx';
import { type Tx, useAdminI18n } from './common.tsx';
import type { Figures, PeriodReport } from './contract.ts';
import { formatCount, formatDay, formatDuration, formatShare } from './format.ts';

export function ratedCount(figures: Pick<Figures, 'ratings'>): number {
  const r = figures.ratings;
  return r['1'] + r['2'] + r['3'] + r['4'];
}

export function ReportView({ report }: { report: PeriodReport }) {
  const { a, language } = useAdminI18n();
  const t = report.totals;
  const cards: [string, string, string?][] = [
    ['issued', formatCount(t.issued, language)],
    ['served', formatCount(t.served, language)],
    ['no-show', formatCount(t.noShow, language)],
    ['cancelled', formatCount(t.cancelled + t.expired, language)],
    ['avg-wait', formatDuration(t.avgWaitSeconds, language)],
    ['p90-wait', formatDuration(t.p90WaitSeconds, language)],
    ['avg-service', formatDuration(t.avgServiceSeconds, language)],
    ['within-target', formatShare(t.withinTargetShare, language)],
    ['satisfied', formatShare(t.satisfiedShare, language), a('ratedCount', { count: ratedCount(t) })],
  ];
  const labels: Record<string, string> = {
    issued: a('totIssued'),
    served: a('totServed'),
    'no-show': a('totNoShow'),
    cancelled: a('totCancelled'),
    'avg-wait': a('totAvgWait'),
    'p90-wait': a('totP90Wait'),
    'avg-service': a('totAvgService'),
    'within-target': a('totWithinTarget', { minutes: report.targetWaitMinutes }),
    satisfied: a('totSatisfied'),
  };
  const empty = t.issued === 0;
  return (
    <div className="a-report" data-testid="report">
      <p className="a-report__range" data-testid="report-range">
        {a('reportRange', {
          from: formatDay(report.from, language),
          to: formatDay(report.to, language),
          days: report.days,
        })}
      </p>
      <section className="a-figures a-figures--report" data-testid="totals">
        {cards.map(([key, value, note]) => (
          <div key={key} className="a-figure-card" data-testid={`total-${key}`}>
            <span className="a-figure-card__label">{labels[key]}</span>
            <span className="a-figure-card__value" data-testid={`total-${key}-value`}>
              {value}
            </span>
            {note && <span className="a-figure-card__last">{note}</span>}
          </div>
        ))}
      </section>
      {empty ? (
        <p className="a-empty" data-testid="report-empty">
          {a('noData')}
        </p>
      ) : (
        <>
          <div className="a-report__charts">
            <Card title={a('chartByHour')}>
              <HourChart report={report} a={a} />
            </Card>
            <Card title={a('chartWait')}>
              <WaitChart report={report} a={a} />
            </Card>
            <Card title={a('satisfactionTitle')}>
              <Satisfaction figures={t} a={a} language={language} />
            </Card>
          </div>
          {report.byDay.length > 1 && (
            <Card title={a('chartByDay')}>
              <DayChart report={report} a={a} language={language} />
            </Card>
          )}
          <Card title={a('byField')}>
            <FiguresTable
              testId="table-field"
              head={a('colField')}
              rows={report.byService.map((r) => ({ key: r.serviceId, label: r.name, figures: r }))}
              a={a}
              language={language}
            />
          </Card>
          <div className="a-report__pair">
            <Card title={a('byCounter')}>
              <FiguresTable
                testId="table-counter"
                head={a('colCounter')}
                rows={report.byCounter.map((r) => ({
                  key: r.counterId,
                  label: `${a('counterLabel', { number: r.number })}${r.name && !/^\D*\d+$/.test(r.name) ? ` · ${r.name}` : ''}`,
                  figures: r,
                }))}
                a={a}
                language={language}
                compact
              />
            </Card>
            <Card title={a('byOfficer')}>
              <FiguresTable
                testId="table-officer"
                head={a('colOfficer')}
                rows={report.byOfficer.map((r) => ({ key: r.officerId, label: r.displayName, figures: r }))}
                a={a}
                language={language}
                compact
              />
            </Card>
          </div>
          <div className="a-report__pair">
            <Card title={a('byProcedure')}>
              <ProcedureTable report={report} a={a} language={language} />
            </Card>
            <Card title={a('byHour')}>
              <HourTable report={report} a={a} language={language} />
            </Card>
          </div>
        </>
      )}
    </div>
  );
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="a-card">
      <h2 className="a-card__title">{title}</h2>
      {children}
    </section>
  );
}

interface Row {
  key: string;
  label: string;
  figures: Figures;
}

function FiguresTable({
  testId,
  head,
  rows,
  a,
  language,
  compact = false,
}: {
  testId: string;
  head: string;
  rows: Row[];
  a: Tx;
  language: Language;
  compact?: boolean;
}) {
  const figure = (
    key: keyof Figures & string,
    header: string,
    show: (f: Figures) => string,
    value: (f: Figures) => number | null,
  ): DataTableColumn<Row> => ({
    key,
    header,
    align: 'numeric',
    cell: (r) => show(r.figures),
    sortValue: (r) => value(r.figures),
  });
  const columns: DataTableColumn<Row>[] = [
    { key: 'label', header: head, rowHeader: true, cell: (r) => r.label, sortValue: (r) => r.label },
    figure(
      'issued',
      a('totIssued'),
      (f) => formatCount(f.issued, language),
      (f) => f.issued,
    ),
    figure(
      'served',
      a('totServed'),
      (f) => formatCount(f.served, language),
      (f) => f.served,
    ),
    figure(
      'noShow',
      a('totNoShow'),
      (f) => formatCount(f.noShow, language),
      (f) => f.noShow,
    ),
    figure(
      'avgWaitSeconds',
      a('totAvgWait'),
      (f) => formatDuration(f.avgWaitSeconds, language),
      (f) => f.avgWaitSeconds,
    ),
    ...(compact
      ? []
      : [
          figure(
            'avgServiceSeconds',
            a('totAvgService'),
            (f) => formatDuration(f.avgServiceSeconds, language),
            (f) => f.avgServiceSeconds,
          ),
        ]),
    figure(
      'satisfiedShare',
      a('totSatisfied'),
      (f) => formatShare(f.satisfiedShare, language),
      (f) => f.satisfiedShare,
    ),
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={(r) => r.key}
      rowProps={(r) => ({ 'data-testid': `${testId}-${r.key}` })}
      className="a-table"
      containerClassName="a-table-wrap"
      testId={testId}
    />
  );
}

interface ProcedureRow {
  procedureId: string;
  name: string;
  serviceId: string;
  count: number;
}

function ProcedureTable({ report, a, language }: { report: PeriodReport; a: Tx; language: Language }) {
  const rows: ProcedureRow[] = [...report.byProcedure].sort((x, y) => y.count - x.count);
  const field = (id: string) => report.byService.find((s) => s.serviceId === id)?.name ?? id;
  const columns: DataTableColumn<ProcedureRow>[] = [
    {
      key: 'procedure',
      header: a('colProcedure'),
      rowHeader: true,
      cell: (r) => r.name,
      sortValue: (r) => r.name,
    },
    {
      key: 'field',
      header: a('colField'),
      cell: (r) => field(r.serviceId),
      sortValue: (r) => field(r.serviceId),
    },
    {
      key: 'count',
      header: a('colCount'),
      align: 'numeric',
      cell: (r) => formatCount(r.count, language),
      sortValue: (r) => r.count,
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={(r) => r.procedureId}
      rowProps={(r) => ({ 'data-testid': `table-procedure-${r.procedureId}` })}
      className="a-table"
      containerClassName="a-table-wrap a-table-wrap--scroll"
      testId="table-procedure"
    />
  );
}

type HourRow = PeriodReport['byHour'][number];

function HourTable({ report, a, language }: { report: PeriodReport; a: Tx; language: Language }) {
  const rows = report.byHour.filter((h) => h.issued > 0 || h.served > 0);
  const columns: DataTableColumn<HourRow>[] = [
    {
      key: 'hour',
      header: a('colHour'),
      rowHeader: true,
      cell: (h) => `${String(h.hour).padStart(2, '0')}:00–${String(h.hour + 1).padStart(2, '0')}:00`,
      sortValue: (h) => h.hour,
    },
    {
      key: 'issued',
      header: a('seriesIssued'),
      align: 'numeric',
      cell: (h) => formatCount(h.issued, language),
      sortValue: (h) => h.issued,
    },
    {
      key: 'served',
      header: a('totServed'),
      align: 'numeric',
      cell: (h) => formatCount(h.served, language),
      sortValue: (h) => h.served,
    },
    {
      key: 'avgWait',
      header: a('totAvgWait'),
      align: 'numeric',
      cell: (h) => formatDuration(h.avgWaitSeconds, language),
      sortValue: (h) => h.avgWaitSeconds,
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={(h) => h.hour}
      rowProps={(h) => ({ 'data-testid': `table-hour-${h.hour}` })}
      className="a-table"
      containerClassName="a-table-wrap a-table-wrap--scroll"
      testId="table-hour"
    />
  );
}

function Satisfaction({ figures, a, language }: { figures: Figures; a: Tx; language: Language }) {
  const total = ratedCount(figures);
  return (
    <div className="a-satisfaction" data-testid="satisfaction">
      <p className="a-satisfaction__summary">
        <strong className="a-satisfaction__share">{formatShare(figures.satisfiedShare, language)}</strong>{' '}
        {a('totSatisfied').toLowerCase()} · {a('ratedCount', { count: formatCount(total, language) })}
      </p>
      <ul className="a-bars">
        {([4, 3, 2, 1] as const).map((score) => {
          const n = figures.ratings[String(score) as '1' | '2' | '3' | '4'];
          const share = total > 0 ? n / total : 0;
          return (
            <li key={score} className={`a-bar a-bar--${score}`} data-testid={`rating-${score}`}>
              <span className="a-bar__label">{RATING_LABELS[score][language]}</span>
              <span className="a-bar__track">
                <span className="a-bar__fill" style={{ width: `${Math.round(share * 100)}%` }} />
              </span>
              <span className="a-bar__value">
                {formatCount(n, language)} ({formatShare(total > 0 ? share : null, language)})
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
