// The ticket called or being served at this counter (or none), with its field, wait and recalls.
import { PRIORITY_NAMES, type PublicTicket, type Service } from '@luot/shared';
import { useCounterI18n } from '../common.tsx';
import { formatDuration, waitedSeconds } from '../work.ts';
import { serviceName } from './frame.tsx';

export function CurrentTicket({
  ticket,
  services,
  nowMs,
}: {
  ticket: PublicTicket | null;
  services: Service[];
  nowMs: number;
}) {
  const { c, language } = useCounterI18n();
  if (!ticket)
    return (
      <div className="c-current c-current--empty" data-testid="current-status" data-status="none">
        <span className="c-current__label">{c('noCurrent')}</span>
        <span className="c-current__hint">{c('noCurrentHint')}</span>
      </div>
    );
  const serving = ticket.status === 'serving';
  return (
    <div className={`c-current c-current--${ticket.status}`}>
      <div className="c-current__top">
        <span className="c-current__status" data-testid="current-status" data-status={ticket.status}>
          {serving ? c('statusServing') : c('statusCalled')}
        </span>
        {ticket.priority && (
          <span className="c-badge c-badge--priority" data-testid="current-priority">
            {c('priority')}: {PRIORITY_NAMES[ticket.priority][language]}
          </span>
        )}
      </div>
      <div className="c-current__number" data-testid="current-number">
        {ticket.displayNumber}
      </div>
      <dl className="c-current__facts">
        <div>
          <dt>{c('field')}</dt>
          <dd data-testid="current-service">{serviceName(services, ticket.serviceId, language)}</dd>
        </div>
        <div>
          <dt>{c('waited')}</dt>
          <dd data-testid="current-waited">{formatDuration(waitedSeconds(ticket, nowMs), language)}</dd>
        </div>
        <div>
          <dt>{c('recalls')}</dt>
          <dd data-testid="current-recalls">{ticket.recallCount}</dd>
        </div>
      </dl>
    </div>
  );
}
