// The live overview: alerts first (red critical, amber warning), today's figures beside the same
// weekday last week, people waiting per field with the longest wait, and every counter's state.
import { DataTable, type DataTableColumn, type Language } from '@luot/ui';
import { type Tx, useAdminI18n } from './common.tsx';
import type { Overview, OverviewAlert, OverviewCounter, OverviewField } from './contract.ts';
import { compare, DASH, formatAgo, formatCount, formatDay, formatDuration, type Trend } from './format.ts';

/** Critical before warning, then the oldest first (the one that has waited longest for action). */
export function sortAlerts(alerts: readonly OverviewAlert[]): OverviewAlert[] {
  const rank = (a: OverviewAlert) => (a.severity === 'critical' ? 0 : 1);
  return [...alerts].sort((x, y) => rank(x) - rank(y) || x.at.localeCompare(y.at));
}

/** Fields with people waiting first (longest wait first), then the rest by name. */
export function sortFields(fields: readonly OverviewField[]): OverviewField[] {
  return [...fields].sort(
    (x, y) =>
      Number(y.waiting > 0) - Number(x.waiting > 0) ||
      (y.longestWaitSeconds ?? 0) - (x.longestWaitSeconds ?? 0) ||
      x.name.localeCompare(y.name, 'vi'),
  );
}

const WEEKDAYS = {
  vi: ['Chủ Nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
} as const;

export function weekdayOf(day: string, language: Language): string {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) ? day : WEEKDAYS[language][new Date(ms).getUTCDay()]!;
}

export interface OverviewScreenProps {
  overview: Overview;
  /** Fields' English names by id (the overview carries the Vietnamese ones). */
  namesEn?: Record<string, string>;
  /** The time alert ages are measured against (the browser clock, refreshed each minute). */
  nowMs: number;
  /** Long waits past this many seconds are shown in red in the fields table. */
  alertWaitSeconds: number | null;
  updatedAt: string | null;
}

export function OverviewScreen({
  overview,
  namesEn = {},
  nowMs,
  alertWaitSeconds,
  updatedAt,
}: OverviewScreenProps) {
  const { a, language } = useAdminI18n();
  const alerts = sortAlerts(overview.alerts);
  const fieldName = (field: OverviewField) => (language === 'en' && namesEn[field.serviceId]) || field.name;
  const fieldColumns: DataTableColumn<OverviewField>[] = [
    { key: 'field', header: a('colField'), rowHeader: true, cell: fieldName, sortValue: fieldName },
    {
      key: 'waiting',
      header: a('colWaiting'),
      align: 'numeric',
      className: 'a-figure',
      cell: (field) => formatCount(field.waiting, language),
      cellProps: (field) => ({ 'data-testid': `field-${field.serviceId}-waiting` }),
      sortValue: (field) => field.waiting,
    },
    {
      key: 'longest',
      header: a('colLongest'),
      align: 'numeric',
      cell: (field) => (field.waiting > 0 ? formatDuration(field.longestWaitSeconds, language) : DASH),
      cellProps: (field) => ({
        'data-testid': `field-${field.serviceId}-longest`,
        className:
          alertWaitSeconds !== null && (field.longestWaitSeconds ?? 0) > alertWaitSeconds
            ? 'a-late'
            : undefined,
      }),
      sortValue: (field) => (field.waiting > 0 ? field.longestWaitSeconds : null),
    },
  ];
  return (
    <div className="a-overview" data-testid="overview">
      <section className="a-alerts" aria-label={a('alertsTitle')} data-testid="alerts">
        {alerts.length === 0 ? (
          <p className="a-alerts__none" data-testid="no-alerts">
            {a('noAlerts')}
          </p>
        ) : (
          <ul className="a-alerts__list">
            {alerts.map((alert, i) => (
              <li
                key={`${alert.kind}-${alert.ref ?? i}`}
                className={`a-alert a-alert--${alert.severity}`}
                data-testid={`alert-${alert.kind}-${alert.ref ?? i}`}
                data-severity={alert.severity}
              >
                <span className="a-alert__badge">{a(`severity_${alert.severity}`)}</span>
                <span className="a-alert__message">
                  {language === 'vi' ? alert.message : alert.messageEn}
                </span>
                <span className="a-alert__age">{formatAgo(alert.at, nowMs, language)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <TodayFigures overview={overview} a={a} language={language} />

      <div className="a-overview__columns">
        <section className="a-card a-waiting" aria-labelledby="fields-title">
          <h2 id="fields-title" className="a-card__title">
            {a('fieldsTitle')}
          </h2>
          <DataTable
            columns={fieldColumns}
            rows={sortFields(overview.fields)}
            rowKey={(field) => field.serviceId}
            rowProps={(field) => ({ 'data-testid': `field-${field.serviceId}` })}
            className="a-table a-table--big"
            testId="fields"
          />
        </section>

        <section className="a-card a-counters" aria-labelledby="counters-title">
          <h2 id="counters-title" className="a-card__title">
            {a('countersTitle')}
          </h2>
          <ul className="a-counter-grid" data-testid="counters">
            {[...overview.counters]
              .sort((x, y) => x.number - y.number)
              .map((counter) => (
                <CounterCard key={counter.id} counter={counter} a={a} language={language} />
              ))}
          </ul>
        </section>
      </div>
      {updatedAt && <p className="a-updated">{a('updatedAt', { time: updatedAt })}</p>}
    </div>
  );
}

function TodayFigures({ overview, a, language }: { overview: Overview; a: Tx; language: Language }) {
  const { today, lastWeek } = overview;
  const day = weekdayOf(lastWeek.date, language);
  const figures: { key: string; label: string; value: string; last: string | null; trend: Trend }[] = [
    { key: 'issued', label: a('figIssued'), ...pair(today.issued, lastWeek.issued, language) },
    { key: 'served', label: a('figServed'), ...pair(today.served, lastWeek.served, language) },
    {
      key: 'waiting',
      label: a('figWaiting'),
      value: formatCount(today.waiting, language),
      last: null,
      trend: 'none',
    },
    {
      key: 'avg-wait',
      label: a('figAvgWait'),
      value: formatDuration(today.avgWaitSeconds, language),
      last: formatDuration(lastWeek.avgWaitSeconds, language),
      trend: compare(today.avgWaitSeconds, lastWeek.avgWaitSeconds).trend,
    },
    { key: 'no-show', label: a('figNoShow'), ...pair(today.noShow, lastWeek.noShow, language) },
  ];
  return (
    <section className="a-figures" aria-label={a('todayTitle')} data-testid="today">
      {figures.map((f) => (
        <div key={f.key} className="a-figure-card" data-testid={`today-${f.key}`}>
          <span className="a-figure-card__label">{f.label}</span>
          <span className="a-figure-card__value" data-testid={`today-${f.key}-value`}>
            {f.value}
          </span>
          {f.last !== null && (
            <span
              className={`a-figure-card__last a-trend--${f.trend}`}
              title={a('lastWeekHint', { day, date: formatDay(lastWeek.date, language) })}
              data-testid={`today-${f.key}-last`}
            >
              {TREND_MARK[f.trend]} {a('lastWeek', { day, value: f.last })}
            </span>
          )}
        </div>
      ))}
    </section>
  );
}

const TREND_MARK: Record<Trend, string> = { up: '▲', down: '▼', same: '=', none: '' };

function pair(today: number, last: number, language: Language) {
  return {
    value: formatCount(today, language),
    last: formatCount(last, language),
    trend: compare(today, last).trend,
  };
}

function CounterCard({ counter, a, language }: { counter: OverviewCounter; a: Tx; language: Language }) {
  const ticket = counter.currentTicket;
  let detail: string;
  if (counter.state === 'paused')
    detail = counter.pauseReason ? a('pausedFor', { reason: counter.pauseReason }) : a('state_paused');
  else if (counter.state === 'open' && !ticket && counter.idleSeconds != null)
    detail = a('idleFor', { duration: formatDuration(counter.idleSeconds, language) });
  else detail = '';
  return (
    <li className={`a-counter a-counter--${counter.state}`} data-testid={`counter-${counter.id}`}>
      <div className="a-counter__head">
        <span className="a-counter__name">{a('counterLabel', { number: counter.number })}</span>
        <span className="a-counter__state" data-testid={`counter-${counter.id}-state`}>
          {a(`state_${counter.state}`)}
        </span>
      </div>
      <div className="a-counter__officer">{counter.officer?.displayName ?? a('noOfficer')}</div>
      {ticket && (
        <div className="a-counter__ticket" data-testid={`counter-${counter.id}-ticket`}>
          <span className="a-counter__ticket-label">
            {ticket.status === 'called' ? a('nowCalled') : a('nowServing')}
          </span>{' '}
          <strong>{ticket.displayNumber}</strong>
        </div>
      )}
      {detail && <div className="a-counter__detail">{detail}</div>}
    </li>
  );
}
