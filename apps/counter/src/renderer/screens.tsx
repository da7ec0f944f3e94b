// The counter terminal's screens, as plain components of their props (rendered to strings in
// tests): sign-in, counter choice, the work screen and its dialogs.
import { PRIORITY_NAMES, type PublicCounter, type PublicTicket, type Service } from '@luot/shared';
import {
  ArrowRightLeft,
  BellRing,
  CheckCheck,
  Coffee,
  LogOut,
  Megaphone,
  Pause,
  Play,
  Search,
  UserX,
} from 'lucide-react';
import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { LanguageButtons, useCounterI18n } from './common.tsx';
import type { CounterStrings } from './strings.ts';
import {
  ACTION_TEST_IDS,
  type Action,
  availableActions,
  canFinish,
  finishBody,
  formatDuration,
  longestWaitSeconds,
  type MyToday,
  PAUSE_REASONS,
  type PauseReason,
  type RecentNoShow,
  SHORTCUTS,
  searchProcedures,
  toggleProcedure,
  waitedSeconds,
} from './work.ts';

// ---- frame ----------------------------------------------------------------------

function Frame({
  testId,
  title,
  children,
  end,
}: {
  testId: string;
  title: ReactNode;
  children: ReactNode;
  end?: ReactNode;
}) {
  return (
    <section className="c-screen" data-testid={testId}>
      <header className="c-header">
        <div className="c-header__title">{title}</div>
        <div className="c-header__end">
          {end}
          <LanguageButtons />
        </div>
      </header>
      {children}
    </section>
  );
}

// ---- sign-in ----------------------------------------------------------------------

export function LoginScreen({
  busy,
  error,
  onSubmit,
}: {
  busy: boolean;
  error: string | null;
  onSubmit: (username: string, password: string) => void;
}) {
  const { c } = useCounterI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy && username.trim() && password) onSubmit(username.trim(), password);
  };
  return (
    <Frame testId="login" title={<h1 className="c-title">Lượt · {c('appTitle')}</h1>}>
      <form className="c-card c-login" onSubmit={submit}>
        <h2 className="c-card__title">{c('loginTitle')}</h2>
        <label className="c-field">
          <span>{c('username')}</span>
          <input
            data-testid="login-username"
            value={username}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            // biome-ignore lint/a11y/noAutofocus: the first thing an officer does is type here
            autoFocus
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="c-field">
          <span>{c('password')}</span>
          <input
            data-testid="login-password"
            type="password"
            value={password}
            autoComplete="current-password"
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button
          type="submit"
          className="c-btn c-btn--primary c-btn--wide"
          data-testid="login-submit"
          disabled={busy || !username.trim() || !password}
        >
          {busy ? c('signingIn') : c('signIn')}
        </button>
        {error && (
          <p className="c-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
      </form>
    </Frame>
  );
}

// ---- counter choice -----------------------------------------------------------------

export function CounterChoiceScreen({
  counters,
  services,
  officerName,
  remembered,
  busy,
  error,
  onChoose,
  onSignOut,
}: {
  counters: PublicCounter[];
  services: Service[];
  officerName: string;
  /** The counter this device used last (listed first, marked). */
  remembered: string | null;
  busy: boolean;
  error: string | null;
  onChoose: (counter: PublicCounter) => void;
  onSignOut: () => void;
}) {
  const { c, language } = useCounterI18n();
  const sorted = [...counters].sort(
    (a, b) => Number(b.id === remembered) - Number(a.id === remembered) || a.number - b.number,
  );
  const fieldNames = (counter: PublicCounter) =>
    counter.serviceIds
      .map((id) => services.find((s) => s.id === id))
      .filter((s): s is Service => Boolean(s))
      .map((s) => (language === 'vi' ? s.name : s.nameEn || s.name))
      .join(', ');
  return (
    <Frame
      testId="counter-choice"
      title={<h1 className="c-title">{c('chooseCounter')}</h1>}
      end={
        <>
          <span className="c-officer">{officerName}</span>
          <SignOutButton busy={busy} onSignOut={onSignOut} />
        </>
      }
    >
      {error && (
        <p className="c-error" role="alert" data-testid="counter-error">
          {error}
        </p>
      )}
      {sorted.length === 0 ? (
        <p className="c-empty">{c('noCounters')}</p>
      ) : (
        <ul className="c-counter-grid">
          {sorted.map((counter, index) => (
            <li key={counter.id}>
              <button
                type="button"
                className={`c-counter-choice${counter.id === remembered ? ' c-counter-choice--last' : ''}`}
                data-testid={`counter-${counter.id}`}
                disabled={busy}
                // biome-ignore lint/a11y/noAutofocus: Enter picks the remembered (first) counter
                autoFocus={index === 0}
                onClick={() => onChoose(counter)}
              >
                <span className="c-counter-choice__name">
                  {counter.name || c('counterLabel', { number: counter.number })}
                </span>
                <span className="c-counter-choice__fields">{fieldNames(counter)}</span>
                <span className="c-counter-choice__state">
                  {counter.id === remembered ? `${c('lastCounter')} · ` : ''}
                  {counter.officer
                    ? c('counterBusy', { name: counter.officer.displayName })
                    : c('counterFree')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Frame>
  );
}

function SignOutButton({ busy, onSignOut }: { busy: boolean; onSignOut: () => void }) {
  const { c } = useCounterI18n();
  return (
    <button
      type="button"
      className="c-btn c-btn--ghost"
      data-testid="btn-sign-out"
      disabled={busy}
      onClick={onSignOut}
    >
      <LogOut size={22} aria-hidden="true" /> {c('signOut')}
    </button>
  );
}

// ---- work screen ----------------------------------------------------------------------

export type Dialog = 'finish' | 'transfer' | 'pause' | null;

export interface WorkScreenProps {
  counter: PublicCounter;
  officerName: string;
  current: PublicTicket | null;
  services: Service[];
  /** Every counter (transfer targets). */
  counters: PublicCounter[];
  /** Waiting tickets this counter may call, in order (work.ts `waitingForCounter`). */
  waiting: PublicTicket[];
  noShows: RecentNoShow[];
  today: MyToday | null;
  nowMs: number;
  /** A command is in flight: every action button is disabled. */
  busy: boolean;
  error: string | null;
  /** An action waiting for the hub to come back (sent again with the same key): its label. */
  sending?: string | null;
  onCancelSend?: () => void;
  devices: string;
  dialog: Dialog;
  onAction: (action: Action) => void;
  onCall: (ticketId: string) => void;
  onReinstate: (ticketId: string) => void;
  onFinish: (body: { procedureIds: string[]; note?: string }) => void;
  onTransfer: (body: { serviceId?: string; counterId?: string; reason?: string }) => void;
  onPause: (reason: PauseReason) => void;
  onCloseDialog: () => void;
  onSignOut: () => void;
}

const ACTION_LABELS: Record<Action, keyof CounterStrings> = {
  callNext: 'callNext',
  recall: 'recall',
  start: 'start',
  finish: 'finish',
  noShow: 'noShow',
  transfer: 'transfer',
  pause: 'pause',
  resume: 'resume',
};

const ACTION_ICONS: Record<Action, ReactNode> = {
  callNext: <Megaphone size={30} aria-hidden="true" />,
  recall: <BellRing size={30} aria-hidden="true" />,
  start: <Play size={30} aria-hidden="true" />,
  finish: <CheckCheck size={30} aria-hidden="true" />,
  noShow: <UserX size={30} aria-hidden="true" />,
  transfer: <ArrowRightLeft size={30} aria-hidden="true" />,
  pause: <Pause size={30} aria-hidden="true" />,
  resume: <Coffee size={30} aria-hidden="true" />,
};

export function serviceName(services: Service[], id: string, language: 'vi' | 'en'): string {
  const s = services.find((x) => x.id === id);
  if (!s) return id;
  return language === 'vi' ? s.name : s.nameEn || s.name;
}

export function WorkScreen(props: WorkScreenProps) {
  const { counter, current, services, busy, error, dialog, nowMs } = props;
  const { c } = useCounterI18n();
  const paused = counter.state === 'paused';
  const can = availableActions(counter, current, busy || dialog !== null);
  const order: Action[] = [
    'callNext',
    'recall',
    'start',
    'finish',
    'noShow',
    'transfer',
    paused ? 'resume' : 'pause',
  ];
  return (
    <section className="c-screen c-work" data-testid="work">
      <header className="c-header">
        <div className="c-header__title">
          <h1 className="c-title">{counter.name || c('counterLabel', { number: counter.number })}</h1>
          <span className="c-officer">
            {c('officer')}: <strong>{props.officerName}</strong>
          </span>
        </div>
        <div className="c-header__end">
          <span className="c-devices" data-testid="devices-status">
            {props.devices}
          </span>
          <LanguageButtons />
          <SignOutButton busy={busy} onSignOut={props.onSignOut} />
        </div>
      </header>
      {paused && (
        <div className="c-paused" data-testid="paused-banner" role="status">
          <Pause size={28} aria-hidden="true" />
          {counter.pauseReason ? c('pausedBanner', { reason: counter.pauseReason }) : c('pausedNoReason')}
        </div>
      )}
      <div className="c-work__body">
        <div className="c-work__main">
          <CurrentTicket ticket={current} services={services} nowMs={nowMs} />
          <div className="c-actions">
            {order.map((action) => (
              <button
                key={action}
                type="button"
                className={`c-action c-action--${action}`}
                data-testid={ACTION_TEST_IDS[action]}
                aria-keyshortcuts={SHORTCUTS[action === 'resume' ? 'pause' : action]}
                disabled={!can[action]}
                onClick={() => props.onAction(action)}
              >
                {ACTION_ICONS[action]}
                <span className="c-action__label">{c(ACTION_LABELS[action])}</span>
                <kbd className="c-action__key">{SHORTCUTS[action === 'resume' ? 'pause' : action]}</kbd>
              </button>
            ))}
          </div>
          {props.sending ? (
            <div className="c-sending" role="status" data-testid="action-waiting">
              <span>{c('sendWaiting', { action: props.sending })}</span>
              <button
                type="button"
                className="c-sending__cancel"
                data-testid="action-waiting-cancel"
                onClick={props.onCancelSend}
              >
                {c('sendCancel')}
              </button>
            </div>
          ) : null}
          <p className="c-error c-action-error" role="alert" data-testid="action-error" hidden={!error}>
            {error ?? ''}
          </p>
        </div>
        <aside className="c-work__side">
          <WaitingList
            waiting={props.waiting}
            services={services}
            nowMs={nowMs}
            canCall={!busy && dialog === null && counter.state === 'open' && !current}
            onCall={props.onCall}
            targetCounterId={counter.id}
          />
          <NoShowList
            noShows={props.noShows}
            busy={busy || dialog !== null}
            onReinstate={props.onReinstate}
          />
          <TodayFigures today={props.today} />
        </aside>
      </div>
      {dialog === 'finish' && current && (
        <FinishDialog
          ticket={current}
          service={services.find((s) => s.id === current.serviceId)}
          busy={busy}
          onConfirm={props.onFinish}
          onCancel={props.onCloseDialog}
        />
      )}
      {dialog === 'transfer' && current && (
        <TransferDialog
          ticket={current}
          services={services}
          counters={props.counters.filter((x) => x.id !== counter.id)}
          busy={busy}
          onConfirm={props.onTransfer}
          onCancel={props.onCloseDialog}
        />
      )}
      {dialog === 'pause' && (
        <PauseDialog busy={busy} onConfirm={props.onPause} onCancel={props.onCloseDialog} />
      )}
    </section>
  );
}

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

// ---- dialogs ------------------------------------------------------------------------------

function DialogFrame({
  testId,
  title,
  onCancel,
  onSubmit,
  children,
  wide,
  hint = 'keyboardHint',
}: {
  testId: string;
  title: string;
  onCancel: () => void;
  onSubmit: () => void;
  children: ReactNode;
  wide?: boolean;
  hint?: keyof CounterStrings;
}) {
  const { c } = useCounterI18n();
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      onSubmit();
    }
  };
  return (
    <div className="c-overlay">
      <form
        className={`c-dialog${wide ? ' c-dialog--wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
        onKeyDown={onKeyDown}
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <h2 className="c-dialog__title">{title}</h2>
        {children}
        <p className="c-dialog__hint">{c(hint)}</p>
      </form>
    </div>
  );
}

export function FinishDialog({
  ticket,
  service,
  busy,
  onConfirm,
  onCancel,
  initialChosen = [],
  initialQuery = '',
}: {
  ticket: PublicTicket;
  service: Service | undefined;
  busy: boolean;
  onConfirm: (body: { procedureIds: string[]; note?: string }) => void;
  onCancel: () => void;
  /** For tests: a starting selection and search. */
  initialChosen?: string[];
  initialQuery?: string;
}) {
  const { c, language } = useCounterI18n();
  const [query, setQuery] = useState(initialQuery);
  const [chosen, setChosen] = useState<string[]>(initialChosen);
  const [note, setNote] = useState('');
  const results = searchProcedures(service, query);
  const ok = canFinish(chosen, note) && !busy;
  const submit = () => {
    if (ok) onConfirm(finishBody(chosen, note));
  };
  return (
    <DialogFrame
      testId="finish-dialog"
      title={c('finishTitle', { number: ticket.displayNumber })}
      onCancel={onCancel}
      onSubmit={submit}
      wide
      hint="finishKeyboardHint"
    >
      <p className="c-dialog__sub">
        {service ? (language === 'vi' ? service.name : service.nameEn || service.name) : ''} ·{' '}
        {c('finishHint')}
      </p>
      <label className="c-search">
        <Search size={24} aria-hidden="true" />
        <input
          data-testid="finish-search"
          aria-label={c('searchProcedure')}
          placeholder={c('searchProcedure')}
          value={query}
          // biome-ignore lint/a11y/noAutofocus: the dialog opens to search
          autoFocus
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            // Enter in the search box picks the first match (Ctrl+Enter confirms).
            if (e.key === 'Enter' && !e.ctrlKey && results[0]) {
              e.preventDefault();
              setChosen((prev) => toggleProcedure(prev, results[0]!.id));
            }
          }}
        />
      </label>
      <ul className="c-procs">
        {results.length === 0 && <li className="c-empty">{c('noProcedures')}</li>}
        {results.map((p) => {
          const on = chosen.includes(p.id);
          return (
            <li key={p.id}>
              <button
                type="button"
                className={`c-proc${on ? ' c-proc--on' : ''}`}
                data-testid={`finish-proc-${p.id}`}
                aria-pressed={on}
                onClick={() => setChosen((prev) => toggleProcedure(prev, p.id))}
              >
                <span className="c-proc__check" aria-hidden="true">
                  {on ? '✓' : ''}
                </span>
                <span>{language === 'vi' ? p.name : p.nameEn || p.name}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <label className="c-field">
        <span>{c('note')}</span>
        <textarea
          data-testid="finish-note"
          value={note}
          maxLength={500}
          rows={2}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <div className="c-dialog__buttons">
        <span className="c-dialog__count" aria-live="polite">
          {chosen.length ? c('chosen', { count: chosen.length }) : c('chooseOne')}
        </span>
        <button type="button" className="c-btn c-btn--ghost" data-testid="finish-cancel" onClick={onCancel}>
          {c('cancel')}
        </button>
        <button type="submit" className="c-btn c-btn--primary" data-testid="finish-confirm" disabled={!ok}>
          {c('confirm')}
        </button>
      </div>
    </DialogFrame>
  );
}

type TransferTarget = { kind: 'service'; id: string } | { kind: 'counter'; id: string } | null;

export function TransferDialog({
  ticket,
  services,
  counters,
  busy,
  onConfirm,
  onCancel,
}: {
  ticket: PublicTicket;
  services: Service[];
  /** Other counters. */
  counters: PublicCounter[];
  busy: boolean;
  onConfirm: (body: { serviceId?: string; counterId?: string; reason?: string }) => void;
  onCancel: () => void;
}) {
  const { c, language } = useCounterI18n();
  const [target, setTarget] = useState<TransferTarget>(null);
  const [reason, setReason] = useState('');
  const fields = services.filter((s) => s.active && s.id !== ticket.serviceId);
  const ok = target !== null && !busy;
  const submit = () => {
    if (!ok || !target) return;
    const body: { serviceId?: string; counterId?: string; reason?: string } =
      target.kind === 'service' ? { serviceId: target.id } : { counterId: target.id };
    if (reason.trim()) body.reason = reason.trim();
    onConfirm(body);
  };
  const firstRef = useRef<HTMLButtonElement>(null);
  useEffect(() => firstRef.current?.focus(), []);
  return (
    <DialogFrame
      testId="transfer-dialog"
      title={c('transferTitle', { number: ticket.displayNumber })}
      onCancel={onCancel}
      onSubmit={submit}
      wide
    >
      <div className="c-transfer">
        <fieldset className="c-choices">
          <legend>{c('toField')}</legend>
          {fields.map((s, i) => (
            <button
              key={s.id}
              ref={i === 0 ? firstRef : undefined}
              type="button"
              className={`c-choice${target?.kind === 'service' && target.id === s.id ? ' c-choice--on' : ''}`}
              aria-pressed={target?.kind === 'service' && target.id === s.id}
              data-testid={`transfer-service-${s.id}`}
              onClick={() => setTarget({ kind: 'service', id: s.id })}
            >
              {language === 'vi' ? s.name : s.nameEn || s.name}
            </button>
          ))}
        </fieldset>
        <fieldset className="c-choices">
          <legend>{c('toCounter')}</legend>
          {[...counters]
            .sort((a, b) => a.number - b.number)
            .map((x) => (
              <button
                key={x.id}
                type="button"
                className={`c-choice${target?.kind === 'counter' && target.id === x.id ? ' c-choice--on' : ''}`}
                aria-pressed={target?.kind === 'counter' && target.id === x.id}
                data-testid={`transfer-counter-${x.id}`}
                onClick={() => setTarget({ kind: 'counter', id: x.id })}
              >
                {x.name || c('counterLabel', { number: x.number })}
                {x.officer ? ` · ${x.officer.displayName}` : ''}
              </button>
            ))}
        </fieldset>
      </div>
      <label className="c-field">
        <span>{c('reason')}</span>
        <input
          data-testid="transfer-reason"
          value={reason}
          maxLength={200}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <div className="c-dialog__buttons">
        <button type="button" className="c-btn c-btn--ghost" data-testid="transfer-cancel" onClick={onCancel}>
          {c('cancel')}
        </button>
        <button type="submit" className="c-btn c-btn--primary" data-testid="transfer-confirm" disabled={!ok}>
          {c('confirm')}
        </button>
      </div>
    </DialogFrame>
  );
}

const PAUSE_LABELS: Record<PauseReason, keyof CounterStrings> = {
  break: 'reasonBreak',
  meeting: 'reasonMeeting',
  other: 'reasonOther',
};

export function PauseDialog({
  busy,
  onConfirm,
  onCancel,
}: {
  busy: boolean;
  onConfirm: (reason: PauseReason) => void;
  onCancel: () => void;
}) {
  const { c } = useCounterI18n();
  const [reason, setReason] = useState<PauseReason>('break');
  const firstRef = useRef<HTMLButtonElement>(null);
  useEffect(() => firstRef.current?.focus(), []);
  return (
    <DialogFrame
      testId="pause-dialog"
      title={c('pauseTitle')}
      onCancel={onCancel}
      onSubmit={() => !busy && onConfirm(reason)}
    >
      <fieldset className="c-choices c-choices--column">
        <legend>{c('reason')}</legend>
        {PAUSE_REASONS.map((r, i) => (
          <button
            key={r}
            ref={i === 0 ? firstRef : undefined}
            type="button"
            className={`c-choice${reason === r ? ' c-choice--on' : ''}`}
            aria-pressed={reason === r}
            data-testid={`pause-reason-${r}`}
            onClick={() => setReason(r)}
          >
            {c(PAUSE_LABELS[r])}
          </button>
        ))}
      </fieldset>
      <div className="c-dialog__buttons">
        <button type="button" className="c-btn c-btn--ghost" data-testid="pause-cancel" onClick={onCancel}>
          {c('cancel')}
        </button>
        <button type="submit" className="c-btn c-btn--primary" data-testid="pause-confirm" disabled={busy}>
          {c('pause')}
        </button>
      </div>
    </DialogFrame>
  );
}
