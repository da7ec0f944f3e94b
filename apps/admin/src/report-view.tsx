// One period's report as the director reads it: totals cards, charts, satisfaction, and the
// tables by field, counter, officer, procedure and hour.
import { RATING_LABELS } from '@luot/shared';
import type { Language } from '@luot/ui';
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
  return (
    <div className="a-table-wrap">
      <table className="a-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col" className="a-num">
              {a('totIssued')}
            </th>
            <th scope="col" className="a-num">
              {a('totServed')}
            </th>
            <th scope="col" className="a-num">
              {a('totNoShow')}
            </th>
            <th scope="col" className="a-num">
              {a('totAvgWait')}
            </th>
            {!compact && (
              <th scope="col" className="a-num">
                {a('totAvgService')}
              </th>
            )}
            <th scope="col" className="a-num">
              {a('totSatisfied')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-testid={`${testId}-${r.key}`}>
              <th scope="row">{r.label}</th>
              <td className="a-num">{formatCount(r.figures.issued, language)}</td>
              <td className="a-num">{formatCount(r.figures.served, language)}</td>
              <td className="a-num">{formatCount(r.figures.noShow, language)}</td>
              <td className="a-num">{formatDuration(r.figures.avgWaitSeconds, language)}</td>
              {!compact && <td className="a-num">{formatDuration(r.figures.avgServiceSeconds, language)}</td>}
              <td className="a-num">{formatShare(r.figures.satisfiedShare, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProcedureTable({ report, a, language }: { report: PeriodReport; a: Tx; language: Language }) {
  const rows = [...report.byProcedure].sort((x, y) => y.count - x.count);
  const field = (id: string) => report.byService.find((s) => s.serviceId === id)?.name ?? id;
  return (
    <div className="a-table-wrap a-table-wrap--scroll">
      <table className="a-table" data-testid="table-procedure">
        <thead>
          <tr>
            <th scope="col">{a('colProcedure')}</th>
            <th scope="col">{a('colField')}</th>
            <th scope="col" className="a-num">
              {a('colCount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.procedureId} data-testid={`table-procedure-${r.procedureId}`}>
              <th scope="row">{r.name}</th>
              <td>{field(r.serviceId)}</td>
              <td className="a-num">{formatCount(r.count, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HourTable({ report, a, language }: { report: PeriodReport; a: Tx; language: Language }) {
  const rows = report.byHour.filter((h) => h.issued > 0 || h.served > 0);
  return (
    <div className="a-table-wrap a-table-wrap--scroll">
      <table className="a-table" data-testid="table-hour">
        <thead>
          <tr>
            <th scope="col">{a('colHour')}</th>
            <th scope="col" className="a-num">
              {a('seriesIssued')}
            </th>
            <th scope="col" className="a-num">
              {a('totServed')}
            </th>
            <th scope="col" className="a-num">
              {a('totAvgWait')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((h) => (
            <tr key={h.hour} data-testid={`table-hour-${h.hour}`}>
              <th scope="row">
                {String(h.hour).padStart(2, '0')}:00–{String(h.hour + 1).padStart(2, '0')}:00
              </th>
              <td className="a-num">{formatCount(h.issued, language)}</td>
              <td className="a-num">{formatCount(h.served, language)}</td>
              <td className="a-num">{formatDuration(h.avgWaitSeconds, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
