// The side lists: who waits for this counter (each with a call button) and the recent no-shows
// that may still be reinstated.
import { PRIORITY_NAMES, type PublicTicket, type Service } from '@luot/shared';
import { useCounterI18n } from '../common.tsx';
import { formatDuration, longestWaitSeconds, type RecentNoShow, waitedSeconds } from '../work.ts';
import { serviceName } from './frame.tsx';

export function WaitingList({
  waiting,
  services,
  nowMs,
  canCall,
  onCall,
  targetCounterId,
}: {
  waiting: PublicTicket[];
  services: Service[];
  nowMs: number;
  canCall: boolean;
  onCall: (ticketId: string) => void;
  targetCounterId: string;
}) {
  const { c, language } = useCounterI18n();
  return (
    <section className="c-panel c-waiting" aria-labelledby="c-waiting-title">
      <div className="c-panel__head">
        <h2 id="c-waiting-title" className="c-panel__title">
          {c('waitingTitle')}
        </h2>
        <span className="c-stat">
          {c('waitingCount')}: <strong data-testid="waiting-count">{waiting.length}</strong>
        </span>
        <span className="c-stat">
          {c('longestWait')}:{' '}
          <strong data-testid="waiting-longest">
            {waiting.length ? formatDuration(longestWaitSeconds(waiting, nowMs), language) : '—'}
          </strong>
        </span>
      </div>
      <ol className="c-waiting__list" data-testid="waiting-list">
        {waiting.length === 0 && <li className="c-empty">{c('nobodyWaiting')}</li>}
        {waiting.map((t) => (
          <li
            key={t.id}
            className={`c-row${t.priority ? ' c-row--priority' : ''}`}
            data-testid={`waiting-${t.id}`}
          >
            <span className="c-row__number">{t.displayNumber}</span>
            <span className="c-row__info">
              <span className="c-row__field">{serviceName(services, t.serviceId, language)}</span>
              {t.priority && (
                <span className="c-badge c-badge--priority">{PRIORITY_NAMES[t.priority][language]}</span>
              )}
              {t.targetCounterId === targetCounterId && <span className="c-badge">{c('transferred')}</span>}
            </span>
            <span className="c-row__wait">{formatDuration(waitedSeconds(t, nowMs), language)}</span>
            <button
              type="button"
              className="c-btn c-btn--small"
              data-testid={`call-${t.id}`}
              disabled={!canCall}
              aria-label={`${c('call')} ${t.displayNumber}`}
              onClick={() => onCall(t.id)}
            >
              {c('call')}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function NoShowList({
  noShows,
  busy,
  onReinstate,
}: {
  noShows: RecentNoShow[];
  busy: boolean;
  onReinstate: (ticketId: string) => void;
}) {
  const { c } = useCounterI18n();
  if (noShows.length === 0) return null;
  return (
    <section className="c-panel c-noshows" aria-labelledby="c-noshow-title">
      <h2 id="c-noshow-title" className="c-panel__title">
        {c('noShowsTitle')}
      </h2>
      <ul className="c-waiting__list">
        {noShows.map(({ ticket }) => (
          <li key={ticket.id} className="c-row" data-testid={`noshow-${ticket.id}`}>
            <span className="c-row__number">{ticket.displayNumber}</span>
            <span className="c-row__info" />
            <button
              type="button"
              className="c-btn c-btn--small"
              data-testid={`reinstate-${ticket.id}`}
              disabled={busy}
              onClick={() => onReinstate(ticket.id)}
            >
              {c('reinstate')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
