// The ticket status page (/t/:id, opened from the ticket's QR code on a phone): the number,
// people ahead, the estimated wait and, when called, "Mời đến quầy 3"; once served, the citizen
// rates the service here (four faces) while the hub says the rating is open. Polls (status.ts).
// No token: the hub answers the ticket's public view, and a rating without a token is the
// citizen's own (API.md: staff tokens may not rate).
import { RATING_WINDOW_MINUTES, type RatingWindow, type TicketLookup } from '@luot/shared';
import { formatClock, type HubClient, HubError } from '@luot/ui';
import { Angry, BellRing, Laugh, type LucideIcon, Meh, Smile } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { ScreenFrame, useKioskI18n } from './common.tsx';
import { type StatusError, startStatusPolling } from './status.ts';
import { type KioskStrings, kioskText } from './strings.ts';

/** Sending the citizen's rating: nothing sent yet, on its way, or it failed (try again). */
export type RatingSend = 'idle' | 'sending' | 'failed';
export type Score = 1 | 2 | 3 | 4;

export interface StatusViewProps {
  ticketId: string | null;
  data: TicketLookup | null;
  error: StatusError | null;
  centreName: string;
  updatedAt: Date | null;
  rating?: RatingSend;
  onRate?: (score: Score) => void;
}

/** Most satisfied first. */
const FACES: { score: Score; icon: LucideIcon; label: keyof KioskStrings }[] = [
  { score: 4, icon: Laugh, label: 'rate4' },
  { score: 3, icon: Smile, label: 'rate3' },
  { score: 2, icon: Meh, label: 'rate2' },
  { score: 1, icon: Angry, label: 'rate1' },
];

/** What the page says about a ticket, line by line (under the number). */
export function statusLines(
  data: TicketLookup,
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

/** After service: four faces while the rating is open, then "thank you" or "closed". */
export function StatusRating({
  window,
  send,
  onRate,
}: {
  window: RatingWindow;
  send: RatingSend;
  onRate: (score: Score) => void;
}) {
  const { k, other } = useKioskI18n();
  if (window.state === 'rated')
    return (
      <p className="k-rate__note" data-testid="status-rating-done" role="status">
        {k('rateThanks')}
      </p>
    );
  if (window.state === 'closed')
    return (
      <p className="k-rate__note" data-testid="status-rating-closed">
        {k('rateClosed', { minutes: RATING_WINDOW_MINUTES })}
      </p>
    );
  return (
    <section className="k-rate" data-testid="status-rating" aria-label={k('rateTitle')}>
      <p className="k-rate__title">{k('rateTitle')}</p>
      <div className="k-rate__faces">
        {FACES.map(({ score, icon: Icon, label }) => (
          <button
            key={score}
            type="button"
            className={`k-face k-face--${score}`}
            data-testid={`status-rate-${score}`}
            disabled={send === 'sending'}
            onClick={() => onRate(score)}
          >
            <Icon size={64} strokeWidth={1.75} aria-hidden="true" />
            <span className="k-face__label">{k(label)}</span>
            <span className="k-face__other" lang={other}>
              {kioskText(other, label)}
            </span>
          </button>
        ))}
      </div>
      {send === 'sending' && <p role="status">{k('rateSending')}</p>}
      {send === 'failed' && (
        <p className="k-status__warn" role="alert" data-testid="status-rating-failed">
          {k('rateFailed')}
        </p>
      )}
    </section>
  );
}

export function StatusView({
  ticketId,
  data,
  error,
  centreName,
  updatedAt,
  rating = 'idle',
  onRate = () => {},
}: StatusViewProps) {
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
      {data.ratingWindow && <StatusRating window={data.ratingWindow} send={rating} onRate={onRate} />}
      {error === 'unreachable' && <p className="k-status__warn">{k('statusUnreachable')}</p>}
      <p className="k-status__foot">
        {k('autoRefresh')}
        {updatedAt && ` · ${k('updatedAt', { time: formatClock(updatedAt, language).time })}`}
      </p>
    </ScreenFrame>
  );
}

/** The answer with its rating marked as given (this page sent it; the hub agrees on the next poll). */
const markRated = (data: TicketLookup): TicketLookup =>
  data.ratingWindow ? { ...data, ratingWindow: { ...data.ratingWindow, state: 'rated' } } : data;

/** The page: polls the ticket and the centre's name; sends the citizen's rating. */
export function StatusApp({ client, ticketId }: { client: HubClient; ticketId: string | null }) {
  const { t, i18n } = useKioskI18n();
  const [data, setData] = useState<TicketLookup | null>(null);
  const [error, setError] = useState<StatusError | null>(null);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const [centreName, setCentreName] = useState('');
  const [send, setSend] = useState<RatingSend>('idle');
  const lastCall = useRef('');
  /** Set once the hub took this page's rating: a poll answered before it never shows the faces again. */
  const rated = useRef(false);

  useEffect(() => {
    if (!ticketId) return;
    client.health().then(
      (h) => setCentreName(h.centre.name),
      () => {},
    );
    return startStatusPolling({
      load: () => client.getTicket(ticketId),
      onData: (d) => {
        setData(rated.current ? markRated(d) : d);
        setError(null);
        setUpdatedAt(new Date());
      },
      onError: setError,
    });
  }, [client, ticketId]);

  const rate = async (score: Score) => {
    if (!ticketId || send === 'sending') return;
    setSend('sending');
    try {
      await client.call('tickets:rating', { params: { id: ticketId }, body: { score } });
      rated.current = true;
      setData((d) => d && markRated(d));
      setSend('idle');
    } catch (err) {
      if (err instanceof HubError && err.status === 409) {
        // Rated already (on the counter's tablet) or too late: the hub says which.
        setSend('idle');
        client.getTicket(ticketId).then(setData, () => {});
      } else setSend('failed');
    }
  };

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
    <StatusView
      ticketId={ticketId}
      data={data}
      error={error}
      centreName={centreName}
      updatedAt={updatedAt}
      rating={send}
      onRate={(score) => void rate(score)}
    />
  );
}
