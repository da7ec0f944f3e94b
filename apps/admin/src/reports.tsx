// The reports screen: a period (today, yesterday, this week, this month or a custom range), the
// report of GET /api/v1/reports, and the Excel / CSV exports of the same period.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AdminApi, ExportFormat } from './api.ts';
import { ErrorLine, errorText, useAdminI18n } from './common.tsx';
import type { PeriodReport } from './contract.ts';
import {
  dayInput,
  PERIOD_KINDS,
  type Period,
  type PeriodKind,
  parseDayInput,
  periodProblem,
  presetPeriod,
} from './period.ts';
import { ReportView } from './report-view.tsx';

export interface PeriodBarProps {
  kind: PeriodKind;
  /** The custom range as typed (dd/mm/yyyy). */
  draft: Period;
  problem: string | null;
  exporting: ExportFormat | null;
  canExport: boolean;
  onPreset: (kind: Exclude<PeriodKind, 'custom'>) => void;
  onCustom: () => void;
  onDraft: (draft: Period) => void;
  onApply: () => void;
  onExport: (format: ExportFormat) => void;
}

export function PeriodBar(props: PeriodBarProps) {
  const { a } = useAdminI18n();
  const { kind, draft } = props;
  return (
    <div className="a-period" data-testid="period">
      <fieldset className="a-period__presets" aria-label={a('periodLabel')}>
        {PERIOD_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            className="a-chip"
            aria-pressed={kind === k}
            data-testid={`period-${k}`}
            onClick={() => (k === 'custom' ? props.onCustom() : props.onPreset(k))}
          >
            {a(`period_${k}`)}
          </button>
        ))}
      </fieldset>
      {kind === 'custom' && (
        <form
          className="a-period__custom"
          onSubmit={(e) => {
            e.preventDefault();
            props.onApply();
          }}
        >
          <label className="a-inline-field">
            <span>{a('from')}</span>
            <input
              value={draft.from}
              placeholder="dd/mm/yyyy"
              inputMode="numeric"
              size={11}
              data-testid="period-from"
              onChange={(e) => props.onDraft({ ...draft, from: e.target.value })}
            />
          </label>
          <label className="a-inline-field">
            <span>{a('to')}</span>
            <input
              value={draft.to}
              placeholder="dd/mm/yyyy"
              inputMode="numeric"
              size={11}
              data-testid="period-to"
              onChange={(e) => props.onDraft({ ...draft, to: e.target.value })}
            />
          </label>
          <button type="submit" className="a-button" data-testid="period-apply">
            {a('apply')}
          </button>
        </form>
      )}
      <div className="a-period__export">
        {(['xlsx', 'csv'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="a-button a-button--secondary"
            disabled={!props.canExport || props.exporting !== null}
            data-testid={`export-${format}`}
            onClick={() => props.onExport(format)}
          >
            {props.exporting === format ? a('exporting') : a(format === 'xlsx' ? 'exportXlsx' : 'exportCsv')}
          </button>
        ))}
      </div>
      <ErrorLine message={props.problem} testId="period-error" />
    </div>
  );
}

/** Hands a downloaded file to the browser as a download (an object URL on a temporary link). */
function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ReportsScreen({ api }: { api: AdminApi }) {
  const { a, language } = useAdminI18n();
  const [today, setToday] = useState<string | null>(null);
  const [kind, setKind] = useState<PeriodKind>('today');
  const [period, setPeriod] = useState<Period | null>(null);
  const [draft, setDraft] = useState<Period>({ from: '', to: '' });
  const [report, setReport] = useState<PeriodReport | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [exporting, setExporting] = useState<ExportFormat | null>(null);

  useEffect(() => {
    api
      .serviceDay()
      .then((day) => {
        setToday(day);
        setPeriod(presetPeriod('today', day));
        setDraft({ from: dayInput(day), to: dayInput(day) });
      })
      .catch((err) => setError(a('loadFailed', { message: errorText(err, language) })));
  }, [api]);

  // Only the answer to the latest period is shown (a quick second click may answer first).
  const asked = useRef(0);
  const load = useCallback(
    (p: Period) => {
      const id = ++asked.current;
      setLoading(true);
      setError(null);
      api
        .report(p)
        .then((r) => {
          if (id === asked.current) setReport(r);
        })
        .catch((err) => {
          if (id !== asked.current) return;
          setReport(null);
          setError(a('loadFailed', { message: errorText(err, language) }));
        })
        .finally(() => {
          if (id === asked.current) setLoading(false);
        });
    },
    [api, a, language],
  );

  useEffect(() => {
    if (period) load(period);
  }, [period]);

  const onExport = async (format: ExportFormat) => {
    if (!period) return;
    setExporting(format);
    setProblem(null);
    try {
      const file = await api.exportReport(period, format);
      saveFile(file.blob, file.filename);
    } catch (err) {
      setProblem(a('exportFailed', { message: errorText(err, language) }));
    } finally {
      setExporting(null);
    }
  };

  return (
    <div className="a-reports" data-testid="reports">
      <PeriodBar
        kind={kind}
        draft={draft}
        problem={problem}
        exporting={exporting}
        canExport={period !== null && report !== null}
        onPreset={(k) => {
          if (!today) return;
          setKind(k);
          setProblem(null);
          const p = presetPeriod(k, today);
          setDraft({ from: dayInput(p.from), to: dayInput(p.to) });
          setPeriod(p);
        }}
        onCustom={() => {
          setKind('custom');
          setProblem(null);
        }}
        onDraft={setDraft}
        onApply={() => {
          const asked = { from: parseDayInput(draft.from) ?? '', to: parseDayInput(draft.to) ?? '' };
          const why = periodProblem(asked);
          if (why) setProblem(a(`problem_${why}`));
          else {
            setProblem(null);
            setPeriod(asked);
          }
        }}
        onExport={(f) => void onExport(f)}
      />
      <ErrorLine message={error} testId="reports-error" />
      {report ? (
        <div className={loading ? 'a-stale' : undefined} aria-busy={loading}>
          <ReportView report={report} />
        </div>
      ) : (
        loading && <p className="a-loading">{a('loading')}</p>
      )}
    </div>
  );
}
