// The work screen: the current ticket, the action buttons (one function key each), the waiting
// list, recent no-shows and the officer's own figures, and the dialog open over it.
import type { PublicCounter, PublicTicket, Service } from '@luot/shared';
import { ArrowRightLeft, BellRing, CheckCheck, Coffee, Megaphone, Pause, Play, UserX } from 'lucide-react';
import type { ReactNode } from 'react';
import { LanguageButtons, useCounterI18n } from '../common.tsx';
import type { CounterStrings } from '../strings.ts';
import {
  ACTION_TEST_IDS,
  type Action,
  availableActions,
  type MyToday,
  type PauseReason,
  type RecentNoShow,
  SHORTCUTS,
} from '../work.ts';
import { CurrentTicket } from './current-ticket.tsx';
import { FinishDialog } from './finish-dialog.tsx';
import { SignOutButton } from './frame.tsx';
import { PauseDialog } from './pause-dialog.tsx';
import { TodayFigures } from './today-figures.tsx';
import { TransferDialog } from './transfer-dialog.tsx';
import { NoShowList, WaitingList } from './waiting-list.tsx';

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
