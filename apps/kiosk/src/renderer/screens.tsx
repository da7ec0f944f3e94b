// The kiosk's screens, as plain components of their props (rendered to strings in tests).
import { type OpeningHours, PRIORITIES, type Priority, type PublicCounter, type Service } from '@luot/shared';
import { Clock, filterBySearch, formatCounterList, PairingForm } from '@luot/ui';
import { ArrowLeft, Hand, Printer, Search, TriangleAlert } from 'lucide-react';
import { useMemo } from 'react';
import { FieldIcon, PriorityIcon, ScreenFrame, UnsureIcon, useKioskI18n } from './common.tsx';
import type { IssuedTicket } from './flow.ts';
import { formatOpeningHours } from './hours.ts';
import { qrSvg } from './qr.ts';
import type { ClosedFieldPolicy } from './settings.ts';

// ---- idle ----------------------------------------------------------------------

export function IdleScreen({
  centreName,
  onStart,
  now,
  openingHours = [],
}: {
  centreName: string;
  onStart: () => void;
  now?: Date;
  /** The centre's hours, shown under the call to touch (nothing when none are configured). */
  openingHours?: OpeningHours;
}) {
  const { t, tOther, k, language } = useKioskI18n();
  const hours = formatOpeningHours(openingHours, language);
  return (
    <ScreenFrame
      testId="idle"
      className="k-idle"
      title={<span className="k-centre">{centreName}</span>}
      onClick={onStart}
    >
      <div className="k-idle__clock">{now ? <Clock now={now} /> : <Clock />}</div>
      <button
        type="button"
        className="k-idle__start"
        onClick={(e) => {
          e.stopPropagation();
          onStart();
        }}
      >
        <Hand size={120} strokeWidth={2} aria-hidden="true" />
        <span className="k-idle__cta">{t('idle.tapToStart')}</span>
        {language === 'vi' && (
          <span className="k-idle__cta-other" lang="en">
            {tOther('idle.tapToStart')}
          </span>
        )}
      </button>
      <p className="k-idle__priority">
        {t('priority.button')}: {t('priority.hint')}
      </p>
      {hours && (
        <p className="k-idle__hours" data-testid="opening-hours">
          {k('openingHours', { hours })}
        </p>
      )}
    </ScreenFrame>
  );
}

// ---- fields --------------------------------------------------------------------

export interface FieldsScreenProps {
  fields: Service[];
  waiting: Record<string, number>;
  openCounters: Record<string, PublicCounter[]>;
  priority: Priority | null;
  /** Fields with no open counter, or every field out of hours: still issue, or disabled. */
  closedFields: ClosedFieldPolicy;
  /** The centre is outside its opening hours: every field says so. */
  outOfHours?: boolean;
  /** A request is in flight: every button is disabled. */
  busy: boolean;
  failed: boolean;
  onChoose: (field: Service) => void;
  onPriority: () => void;
  onBack: () => void;
  onRetry: () => void;
}

export function FieldsScreen(props: FieldsScreenProps) {
  const { t, k, language } = useKioskI18n();
  const { fields, waiting, openCounters, priority, busy } = props;
  const active = fields.filter((f) => f.active);
  return (
    <ScreenFrame
      testId="services"
      className="k-fields-screen"
      title={<h1 className="luot-title">{t('fields.title')}</h1>}
      aside={<BackButton onClick={props.onBack} disabled={busy} />}
    >
      {priority && (
        <div className="k-priority-banner" data-testid="priority-banner">
          <PriorityIcon priority={priority} size={56} />
          <span>
            {k('priorityMode')}: <strong>{t(`priority.groups.${priority}`)}</strong>
          </span>
        </div>
      )}
      {props.failed && <IssueError onRetry={props.onRetry} />}
      {active.length === 0 && <p className="k-empty">{k('noFields')}</p>}
      <div className={`k-fields${busy ? ' k-busy' : ''}`} aria-busy={busy}>
        {active.map((field) => {
          const count = waiting[field.id] ?? 0;
          const noCounter = (openCounters[field.id] ?? []).length === 0;
          const closed = noCounter || props.outOfHours === true;
          const refused = closed && props.closedFields === 'disable';
          const primary = language === 'vi' ? field.name : field.nameEn;
          const secondary = language === 'vi' ? field.nameEn : field.name;
          return (
            <button
              key={field.id}
              type="button"
              data-testid={`service-${field.id}`}
              className={`k-field${priority ? ' k-field--priority' : ''}${refused ? ' k-field--off' : ''}`}
              disabled={busy || refused}
              onClick={() => props.onChoose(field)}
            >
              <span className="k-field__top">
                <FieldIcon name={field.icon} />
                <span className="k-field__waiting" data-testid={`waiting-${field.id}`}>
                  {t('fields.waiting', { count })}
                </span>
              </span>
              <span className="k-field__name">{primary}</span>
              <span className="k-field__other" lang={language === 'vi' ? 'en' : 'vi'}>
                {secondary}
              </span>
              {closed && (
                <span className="k-field__closed">
                  {props.outOfHours
                    ? t('fields.outOfHours')
                    : refused
                      ? k('unavailable')
                      : t('fields.noOpenCounter')}
                </span>
              )}
            </button>
          );
        })}
        {!priority && (
          <button
            type="button"
            className="k-priority-open"
            data-testid="priority-open"
            disabled={busy}
            onClick={props.onPriority}
          >
            <PriorityIcon priority="elderly" size={80} />
            <span className="k-priority-open__text">
              <span className="k-priority-open__label">{t('priority.button')}</span>
              <span className="k-priority-open__hint">{t('priority.hint')}</span>
            </span>
          </button>
        )}
      </div>
      {busy && <Issuing />}
    </ScreenFrame>
  );
}

function BackButton({ onClick, disabled }: { onClick: () => void; disabled?: boolean }) {
  const { t } = useKioskI18n();
  return (
    <button type="button" className="k-back" data-testid="back" onClick={onClick} disabled={disabled}>
      <ArrowLeft size={48} strokeWidth={3} aria-hidden="true" />
      <span>{t('common.back')}</span>
    </button>
  );
}

function Issuing() {
  const { t } = useKioskI18n();
  return (
    <div className="k-issuing" role="status" data-testid="issuing">
      <span className="k-spinner" aria-hidden="true" />
      {t('issuing.inProgress')}
    </div>
  );
}

function IssueError({ onRetry }: { onRetry: () => void }) {
  const { t } = useKioskI18n();
  return (
    <div className="luot-error k-issue-error" role="alert" data-testid="issue-error">
      <TriangleAlert size={56} strokeWidth={2.5} aria-hidden="true" />
      <span>{t('issuing.failed')}</span>
      <button type="button" className="k-retry" data-testid="issue-retry" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}

// ---- priority groups -------------------------------------------------------------

export function PriorityScreen({
  onChoose,
  onBack,
}: {
  onChoose: (p: Priority) => void;
  onBack: () => void;
}) {
  const { t, tOther, k, language } = useKioskI18n();
  return (
    <ScreenFrame
      testId="priority"
      className="k-priority"
      title={<h1 className="luot-title">{t('priority.title')}</h1>}
      aside={<BackButton onClick={onBack} />}
    >
      <p className="k-hint">{k('priorityGroupHint')}</p>
      <div className="k-priority-list">
        {PRIORITIES.map((priority) => (
          <button
            key={priority}
            type="button"
            className="k-priority-group"
            data-testid={`priority-${priority}`}
            onClick={() => onChoose(priority)}
          >
            <PriorityIcon priority={priority} size={80} />
            <span className="k-field__text">
              <span className="k-field__name">{t(`priority.groups.${priority}`)}</span>
              <span className="k-field__other" lang={language === 'vi' ? 'en' : 'vi'}>
                {tOther(`priority.groups.${priority}`)}
              </span>
            </span>
          </button>
        ))}
      </div>
    </ScreenFrame>
  );
}

// ---- procedures ----------------------------------------------------------------

export interface ProceduresScreenProps {
  field: Service;
  query: string;
  busy: boolean;
  failed: boolean;
  onSearch: (query: string) => void;
  onChoose: (procedureId: string | null) => void;
  onBack: () => void;
  onRetry: () => void;
}

export function ProceduresScreen(props: ProceduresScreenProps) {
  const { t, k, language } = useKioskI18n();
  const { field, query, busy } = props;
  const found = filterBySearch(field.procedures, query, (p) => `${p.name} ${p.nameEn}`);
  return (
    <ScreenFrame
      testId="procedures"
      className="k-procedures"
      title={
        <h1 className="luot-title">
          {t('procedure.title')}
          <span className="k-subtitle">{language === 'vi' ? field.name : field.nameEn}</span>
        </h1>
      }
      aside={<BackButton onClick={props.onBack} disabled={busy} />}
    >
      {props.failed && <IssueError onRetry={props.onRetry} />}
      <label className="k-search">
        <Search size={56} strokeWidth={2.5} aria-hidden="true" />
        <span className="k-visually-hidden">{t('procedure.search')}</span>
        <input
          type="search"
          data-testid="procedure-search"
          value={query}
          placeholder={t('procedure.searchPlaceholder')}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => props.onSearch(e.target.value)}
        />
      </label>
      <div className={`k-procedure-list${busy ? ' k-busy' : ''}`} aria-busy={busy}>
        {found.map((p) => (
          <button
            key={p.id}
            type="button"
            className="k-procedure"
            data-testid={`procedure-${p.id}`}
            disabled={busy}
            onClick={() => props.onChoose(p.id)}
          >
            <span className="k-field__name">{language === 'vi' ? p.name : p.nameEn}</span>
            <span className="k-field__other">{language === 'vi' ? p.nameEn : p.name}</span>
          </button>
        ))}
        {found.length === 0 && <p className="k-empty">{t('procedure.noResults')}</p>}
      </div>
      <button
        type="button"
        className="k-procedure k-procedure--other"
        data-testid="procedure-other"
        disabled={busy}
        onClick={() => props.onChoose(null)}
      >
        <UnsureIcon />
        <span className="k-field__text">
          <span className="k-field__name">{t('procedure.other')}</span>
          <span className="k-field__other">{k('procedureOtherHint')}</span>
        </span>
      </button>
      {busy && <Issuing />}
    </ScreenFrame>
  );
}

// ---- issued ----------------------------------------------------------------------

export interface IssuedScreenProps {
  issued: IssuedTicket;
  field: Service | undefined;
  statusUrl: string;
  onDone: () => void;
}

export function IssuedScreen({ issued, field, statusUrl, onDone }: IssuedScreenProps) {
  const { t, k, language } = useKioskI18n();
  const label = t('issued.scanQr');
  const svg = useMemo(() => qrSvg(statusUrl, label), [statusUrl, label]);
  const { ticket } = issued;
  const counters = issued.counterNumbers;
  const failed = issued.print === 'failed';
  return (
    <ScreenFrame
      testId="issued"
      className={`k-issued${failed ? ' k-issued--failed' : ''}`}
      title={<span className="k-centre">{t('issued.yourNumber')}</span>}
    >
      {failed && (
        <div className="k-print-failed" role="alert" data-testid="print-failed">
          <TriangleAlert size={72} strokeWidth={2.5} aria-hidden="true" />
          <span>{t('issued.printFailed')}</span>
        </div>
      )}
      <div className="k-issued__main">
        <div className="k-issued__ticket">
          <div className="k-issued__field">
            {field ? (language === 'vi' ? field.name : field.nameEn) : ''}
            {ticket.priority && (
              <span className="k-issued__priority"> · {t(`priority.groups.${ticket.priority}`)}</span>
            )}
          </div>
          <div className="luot-number k-issued__number" data-testid="issued-number">
            {ticket.displayNumber}
          </div>
          <div className="k-issued__counters" data-testid="issued-counters">
            {counters.length > 0
              ? t('issued.goToCounters', { count: counters.length, counters: formatCounterList(counters) })
              : k('waitForCall')}
          </div>
        </div>
        <div className="k-issued__side">
          <div className="k-issued__facts">
            <span data-testid="issued-ahead">{t('issued.peopleAhead', { count: issued.waitingAhead })}</span>
            <span data-testid="issued-wait">
              {t('issued.estimatedWait', { minutes: issued.estimatedWaitMinutes })}
            </span>
          </div>
          <figure className="k-issued__qr">
            {/* Our own SVG from qrcode's matrix; the only text in it (the label) is escaped. */}
            <div className="k-qr" data-testid="issued-qr" dangerouslySetInnerHTML={{ __html: svg }} />
            <figcaption>{t('issued.scanQr')}</figcaption>
          </figure>
        </div>
      </div>
      <div className="k-issued__actions">
        {!failed && (
          <div className="k-take" data-testid="issued-take">
            <Printer size={72} strokeWidth={2.5} aria-hidden="true" />
            <span>{t('issued.takeTicket')}</span>
          </div>
        )}
        <button type="button" className="k-done" data-testid="issued-done" onClick={onDone}>
          {t('common.done')}
        </button>
      </div>
    </ScreenFrame>
  );
}

// ---- pairing ---------------------------------------------------------------------

export function PairingScreen({
  busy,
  error,
  onSubmit,
}: {
  busy: boolean;
  error: string | null;
  onSubmit: (code: string) => void;
}) {
  const { t, k } = useKioskI18n();
  return (
    <ScreenFrame
      testId="pairing"
      className="k-pairing"
      title={<h1 className="luot-title">{t('pairing.title')}</h1>}
    >
      <p className="k-hint">{k('pairingHint')}</p>
      <PairingForm
        busy={busy}
        error={error}
        onSubmit={onSubmit}
        busyLabel={k('pairingBusy')}
        inputId="k-pair-code"
        classes={{
          form: 'k-pair-form',
          label: 'k-pair-label',
          input: 'k-pair-input',
          submit: 'k-done',
          error: 'luot-error',
        }}
      />
    </ScreenFrame>
  );
}
