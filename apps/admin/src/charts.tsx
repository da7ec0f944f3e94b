// The report's charts (chart.js on canvas through react-chartjs-2): arrivals and served by hour,
// the wait distribution, and the days of a longer period. No animation: figures, not a show.

import type { Language } from '@luot/ui';
import {
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  type ChartOptions,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { Bar, Line } from 'react-chartjs-2';
import type { Tx } from './common.tsx';
import type { PeriodReport } from './contract.ts';
import { formatDay } from './format.ts';

ChartJS.register(CategoryScale, LinearScale, BarElement, LineElement, PointElement, Tooltip, Legend);

const PRIMARY = '#0b3d91';
const SERVED = '#1b7f3b';
const FONT = { family: '"Be Vietnam Pro", "Noto Sans", Arial, sans-serif', size: 15 };

function options(xTitle?: string): ChartOptions<'bar'> & ChartOptions<'line'> {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: { legend: { position: 'bottom', labels: { font: FONT, color: '#0a1a2f' } } },
    scales: {
      x: {
        ticks: { font: FONT, color: '#0a1a2f', maxRotation: 0 },
        grid: { display: false },
        title: { display: xTitle !== undefined, text: xTitle ?? '', font: FONT, color: '#2e3b4e' },
      },
      y: { beginAtZero: true, ticks: { font: FONT, color: '#0a1a2f', precision: 0 } },
    },
  };
}

/** The hours a centre is busy in: every hour with a ticket, at least 7:00–17:00. */
export function hoursShown(byHour: PeriodReport['byHour']): number[] {
  const busy = byHour.filter((h) => h.issued > 0 || h.served > 0).map((h) => h.hour);
  const first = Math.min(7, ...busy);
  const last = Math.max(17, ...busy);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

export function HourChart({ report, a }: { report: PeriodReport; a: Tx }) {
  const hours = hoursShown(report.byHour);
  const at = (hour: number) => report.byHour.find((h) => h.hour === hour);
  const data = {
    labels: hours.map((h) => String(h)),
    datasets: [
      { label: a('seriesIssued'), data: hours.map((h) => at(h)?.issued ?? 0), backgroundColor: PRIMARY },
      { label: a('seriesServed'), data: hours.map((h) => at(h)?.served ?? 0), backgroundColor: SERVED },
    ],
  };
  return (
    <div className="a-chart" data-testid="chart-hour">
      <Bar data={data} options={options(a('hourAxis'))} aria-label={a('chartByHour')} role="img" />
    </div>
  );
}

export function bucketLabel(bucket: PeriodReport['waitDistribution'][number], a: Tx): string {
  return bucket.toMinutes === null
    ? a('minutesOver', { from: bucket.fromMinutes })
    : a('minutesRange', { from: bucket.fromMinutes, to: bucket.toMinutes });
}

export function WaitChart({ report, a }: { report: PeriodReport; a: Tx }) {
  const target = report.targetWaitMinutes;
  const data = {
    labels: report.waitDistribution.map((b) => bucketLabel(b, a)),
    datasets: [
      {
        label: a('seriesTickets'),
        data: report.waitDistribution.map((b) => b.count),
        // Within the target wait in blue, past it in red.
        backgroundColor: report.waitDistribution.map((b) =>
          b.toMinutes !== null && b.toMinutes <= target ? PRIMARY : '#9b1111',
        ),
      },
    ],
  };
  const opts = options(a('waitAxis'));
  return (
    <div className="a-chart" data-testid="chart-wait">
      <Bar
        data={data}
        options={{ ...opts, plugins: { ...opts.plugins, legend: { display: false } } }}
        aria-label={a('chartWait')}
        role="img"
      />
    </div>
  );
}

export function DayChart({ report, a, language }: { report: PeriodReport; a: Tx; language: Language }) {
  const data = {
    labels: report.byDay.map((d) => formatDay(d.date, language).replace(/\/\d{4}$/, '')),
    datasets: [
      {
        label: a('seriesIssued'),
        data: report.byDay.map((d) => d.issued),
        borderColor: PRIMARY,
        backgroundColor: PRIMARY,
      },
      {
        label: a('seriesServed'),
        data: report.byDay.map((d) => d.served),
        borderColor: SERVED,
        backgroundColor: SERVED,
      },
    ],
  };
  return (
    <div className="a-chart" data-testid="chart-day">
      <Line data={data} options={options()} aria-label={a('chartByDay')} role="img" />
    </div>
  );
}
