// The ticket status page (/t/:id, opened from the ticket's QR code on a phone): the number,
// people ahead, the estimated wait and, when called, "Mời đến quầy 3". Polls (status.ts).
import type { TicketWithWait } from '@luot/shared';
import { formatClock, type HubClient } from '@luot/ui';
import { BellRing } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { ScreenFrame, useKioskI18n } from './common.tsx';
import { type StatusError, startStatusPolling } from './status.ts';

export interface StatusViewProps {
  ticketId: string | null;
  data: TicketWithWait | null;
  error: StatusError | null;
  centreName: string;
  updatedAt: Date | null;
}

/** What the page says about a ticket, line by line (under the number). */
export function statusLines(
  data: TicketWithWait,
  t: ReturnType<typeof useKioskI18n>['t'],
  k: ReturnType<typeof useKioskI18n>['k'],
): string[] {
  const { ticket } = data;
  const counter = ticket.counterNumber ?? '';
  switch (ticket.status) {
    case 'waiting':
      return [
        k('waiting'),
        t('issued.peopleAhead', { count: data.waitingAhead }),
        t('issued.estimatedWait', { minutes: data.estimatedWaitMinutes }),
      ];
    case 'called':
      return [k('calledNow')];
    case 'serving':
      return [t('status.serving', { counter })];
    case 'done':
      return [t('status.done')];
    case 'no_show':
      return [t('status.noShow')];
    case 'cancelled':
      return [t('status.cancelled')];
    case 'expired':
      return [t('status.expired')];
    default:
      return [];
  }
}

export function StatusView({ ticketId, data, error, centreName, updatedAt }: StatusViewProps) {
  const { t, k, language } = useKioskI18n();
  const title = <span className="k-centre">{centreName || t('status.title')}</span>;
  if (!data) {
    const message = !ticketId
      ? k('noTicketId')
      : error === 'not_found'
        ? t('status.notFound')
        : error === 'unreachable'
          ? k('statusUnreachable')
          : t('common.loading');
    return (
      <ScreenFrame testId="status" className="k-status" title={title}>
        <div className="k-status-state" data-testid="status-state">
          <p>{message}</p>
        </div>
      </ScreenFrame>
    );
  }
  const { ticket } = data;
  const called = ticket.status === 'called' && ticket.counterNumber !== null;
  return (
    <ScreenFrame testId="status" className={`k-status${called ? ' k-status--called' : ''}`} title={title}>
      <p className="k-status__label">{t('status.yourNumber')}</p>
      <div className="luot-number k-status__number" data-testid="status-number">
        {ticket.displayNumber}
      </div>
      {called && (
        <div className="k-status-called" role="alert">
          <BellRing size={64} strokeWidth={2.5} aria-hidden="true" />
          <span data-testid="status-called">{t('status.calledTo', { counter: ticket.counterNumber })}</span>
        </div>
      )}
      <div className="k-status-state" data-testid="status-state" aria-live="polite">
        {statusLines(data, t, k).map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      {error === 'unreachable' && <p className="k-status__warn">{k('statusUnreachable')}</p>}
      <p className="k-status__foot">
        {k('autoRefresh')}
        {updatedAt && ` · ${k('updatedAt', { time: formatClock(updatedAt, language).time })}`}
      </p>
    </ScreenFrame>
  );
}

/** The page: polls the ticket and the centre's name. */
export function StatusApp({ client, ticketId }: { client: HubClient; ticketId: string | null }) {
  const { t, i18n } = useKioskI18n();
  const [data, setData] = useState<TicketWithWait | null>(null);
  const [error, setError] = useState<StatusError | null>(null);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const [centreName, setCentreName] = useState('');
  const lastCall = useRef('');

  useEffect(() => {
    if (!ticketId) return;
    client.health().then(
      (h) => setCentreName(h.centre.name),
      () => {},
    );
    return startStatusPolling({
      load: () => client.getTicket(ticketId),
      onData: (d) => {
        setData(d);
        setError(null);
        setUpdatedAt(new Date());
      },
      onError: setError,
    });
  }, [client, ticketId]);

  // Called (or called again): buzz the phone once per call, and say it in the tab's title.
  const ticket = data?.ticket;
  useEffect(() => {
    if (!ticket) return;
    const callKey = ticket.status === 'called' ? `${ticket.counterNumber}:${ticket.recallCount}` : '';
    if (callKey && callKey !== lastCall.current && typeof navigator !== 'undefined')
      navigator.vibrate?.([400, 200, 400]);
    lastCall.current = callKey;
    document.title = callKey
      ? `${ticket.displayNumber} · ${t('status.calledTo', { counter: ticket.counterNumber })}`
      : `${ticket.displayNumber} · ${t('status.title')}`;
  }, [ticket, t, i18n.language]);

  return (
    <StatusView ticketId={ticketId} data={data} error={error} centreName={centreName} updatedAt={updatedAt} />
  );
}
