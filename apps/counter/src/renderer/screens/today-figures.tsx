// The officer's own figures of today (GET /api/v1/me/today); dashes until they load.
import { useCounterI18n } from '../common.tsx';
import { formatDuration, type MyToday } from '../work.ts';

export function TodayFigures({ today }: { today: MyToday | null }) {
  const { c, language } = useCounterI18n();
  const dash = '—';
  return (
    <section className="c-panel c-today" aria-labelledby="c-today-title">
      <h2 id="c-today-title" className="c-panel__title">
        {c('todayTitle')}
      </h2>
      <dl className="c-today__figures">
        <div>
          <dt>{c('served')}</dt>
          <dd data-testid="my-served">{today ? today.served : dash}</dd>
        </div>
        <div>
          <dt>{c('avgService')}</dt>
          <dd data-testid="my-avg-service">
            {today && today.avgServiceSeconds !== null
              ? formatDuration(today.avgServiceSeconds, language)
              : dash}
          </dd>
        </div>
        <div>
          <dt>{c('noShows')}</dt>
          <dd data-testid="my-no-show">{today ? today.noShow : dash}</dd>
        </div>
      </dl>
    </section>
  );
}
