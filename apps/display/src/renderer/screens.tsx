// The display's screens: the hall screen (latest call, counters, recent calls, waiting per field,
// media, notice) and the counter-top screen (one counter's number). Props in, markup out: the
// data comes from derive.ts, the timing from App.tsx.
import { Clock } from '@luot/ui';
import { ArrowRight, Volume2 } from 'lucide-react';
import type { CSSProperties } from 'react';
import { Bilingual, Lines, useDisplayI18n } from './common.tsx';
import type { CallEntry, CounterView, FieldWaiting } from './derive.ts';
import { MediaArea } from './MediaArea.tsx';
import type { MediaFile } from './media.ts';

/** Lets the CSS size a number by its length (a 5-character number must still fit). */
const charsStyle = (text: string): CSSProperties =>
  ({ '--d-chars': Math.max(3, [...text].length) }) as CSSProperties;

// ---- hall ------------------------------------------------------------------------

export interface HallScreenProps {
  centreName: string;
  timeZone: string;
  notice: string | null;
  latest: CallEntry | null;
  recent: CallEntry[];
  /** How many earlier calls the screen has room for (each keeps its size however many there are). */
  recentSlots: number;
  counters: CounterView[];
  fields: FieldWaiting[];
  /** Shown when not null and not empty. */
  media: MediaFile[] | null;
  mediaBase: string;
  mediaImageMs: number;
  /** Fixed time for tests and screenshots. */
  now?: Date;
}

export function HallScreen(props: HallScreenProps) {
  const withMedia = props.media !== null && props.media.length > 0;
  return (
    <section className={`d-hall${withMedia ? ' d-hall--media' : ''}`} data-testid="hall">
      <header className="d-header">
        <h1 className="d-centre" data-testid="centre-name">
          {props.centreName}
        </h1>
        <div className="d-clock">
          <Clock timeZone={props.timeZone} {...(props.now ? { now: props.now } : {})} />
        </div>
      </header>
      <div className="d-hall__body">
        <LatestCall latest={props.latest} />
        <RecentCalls recent={props.recent} slots={props.recentSlots} />
        <CounterGrid counters={props.counters} latestCounterId={props.latest?.counterId ?? null} />
        <FieldsWaiting fields={props.fields} />
        {withMedia && <MediaArea files={props.media!} base={props.mediaBase} imageMs={props.mediaImageMs} />}
      </div>
      {props.notice && <Ticker text={props.notice} />}
    </section>
  );
}

function CounterLabel({ n }: { n: number }) {
  const { d, dEn, english } = useDisplayI18n();
  return <Lines primary={d('counterN', { n })} secondary={english ? dEn('counterN', { n }) : null} />;
}

export function LatestCall({ latest }: { latest: CallEntry | null }) {
  return (
    <div className="d-latest" data-testid="latest">
      {latest ? (
        // Keyed by the call: a new call (or a recall) mounts it afresh and the highlight runs again.
        <div key={latest.key} className="d-latest__call d-flash" data-testid="latest-call">
          <div className="d-latest__label">
            <Bilingual k="nowCalling" />
            {latest.recall && (
              <span className="d-badge" data-testid="latest-recall">
                <Bilingual k="recall" />
              </span>
            )}
          </div>
          <div
            className="d-latest__number"
            data-testid="latest-number"
            style={charsStyle(latest.displayNumber)}
          >
            {latest.displayNumber}
          </div>
          <div className="d-latest__counter" data-testid="latest-counter">
            <ArrowRight className="d-arrow" aria-hidden="true" focusable="false" strokeWidth={3} />
            <CounterLabel n={latest.counterNumber} />
          </div>
        </div>
      ) : (
        <div className="d-latest__call d-latest__call--none" data-testid="latest-none">
          <Bilingual k="noCallsYet" />
        </div>
      )}
    </div>
  );
}

export function RecentCalls({ recent, slots }: { recent: CallEntry[]; slots: number }) {
  if (slots <= 0) return null;
  return (
    <div className="d-panel d-recent">
      <h2 className="d-panel__title">
        <Bilingual k="recentCalls" />
      </h2>
      <ol
        className="d-recent__list"
        data-testid="recent-calls"
        style={{ '--d-slots': slots } as CSSProperties}
      >
        {recent.map((call) => (
          <li key={call.key} className="d-recent__item" data-testid="recent-call">
            <span className="d-recent__number" style={charsStyle(call.displayNumber)}>
              {call.displayNumber}
            </span>
            <ArrowRight className="d-arrow" aria-hidden="true" focusable="false" strokeWidth={3} />
            <span className="d-recent__counter">
              <CounterLabel n={call.counterNumber} />
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Columns of the counter grid: few counters get big cards; portrait screens have room for more. */
export function gridColumns(count: number): CSSProperties {
  const landscape = count <= 4 ? 2 : count <= 9 ? 3 : 4;
  const portrait = count <= 4 ? 2 : count <= 8 ? 4 : 5;
  return { '--d-cols': landscape, '--d-cols-portrait': portrait } as CSSProperties;
}

const STATE_KEY = { open: 'ready', paused: 'paused', closed: 'closed' } as const;

export function CounterGrid({
  counters,
  latestCounterId,
}: {
  counters: CounterView[];
  latestCounterId: string | null;
}) {
  return (
    <div className="d-panel d-counters">
      <h2 className="d-panel__title">
        <Bilingual k="counters" />
      </h2>
      <ul className="d-counters__grid" data-testid="counters" style={gridColumns(counters.length)}>
        {counters.map((c) => (
          <li
            key={c.id}
            className={`d-counter d-counter--${c.state}${c.id === latestCounterId ? ' d-counter--latest' : ''}`}
            data-testid={`counter-${c.number}`}
            data-state={c.state}
          >
            <span className="d-counter__name">
              <CounterLabel n={c.number} />
            </span>
            {c.serving && c.state !== 'closed' ? (
              <span
                className="d-counter__number"
                data-testid={`counter-${c.number}-number`}
                style={charsStyle(c.serving)}
              >
                {c.serving}
              </span>
            ) : (
              <span className="d-counter__state" data-testid={`counter-${c.number}-state`}>
                <Bilingual k={STATE_KEY[c.state]} />
              </span>
            )}
            {c.serving && c.state === 'paused' && (
              <span className="d-counter__note">
                <Bilingual k="paused" />
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function FieldsWaiting({ fields }: { fields: FieldWaiting[] }) {
  const { english } = useDisplayI18n();
  return (
    <div className="d-panel d-waiting">
      <h2 className="d-panel__title">
        <Bilingual k="waitingTitle" />
      </h2>
      {fields.length === 0 ? (
        <p className="d-empty">
          <Bilingual k="noFields" />
        </p>
      ) : (
        <ul
          className="d-waiting__list"
          style={{ '--d-rows': Math.max(5, Math.ceil(fields.length / 2)) } as CSSProperties}
        >
          {fields.map((f) => (
            <li key={f.id} className="d-waiting__item" data-testid={`waiting-${f.id}`}>
              <span className="d-waiting__name">
                <Lines primary={f.name} secondary={english ? f.nameEn : null} />
              </span>
              <span className="d-waiting__count" data-testid={`waiting-${f.id}-count`}>
                {f.waiting}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Seconds for one pass of the notice: a steady reading speed, whatever its length. */
export function tickerSeconds(text: string): number {
  return Math.max(15, Math.round([...text].length * 0.28));
}

/** The centre's notice, scrolling right to left in a band across the bottom. */
export function Ticker({ text }: { text: string }) {
  return (
    <div className="d-ticker" data-testid="notice">
      <div className="d-ticker__track" style={{ '--d-ticker-s': `${tickerSeconds(text)}s` } as CSSProperties}>
        <span className="d-ticker__text">{text}</span>
        <span className="d-ticker__text" aria-hidden="true">
          {text}
        </span>
      </div>
    </div>
  );
}

// ---- counter-top -------------------------------------------------------------------

export interface CounterTopProps {
  /** From `?counter=`; null when the setting is missing. */
  counterNumber: number | null;
  /** The counter, once the queue has it; undefined when the hub has no such counter. */
  counter: CounterView | undefined;
  /** Whether the queue has loaded (before that an unknown counter is not an error). */
  synced: boolean;
  /** The latest call at this counter: its key restarts the highlight. */
  callKey: string | null;
}

export function CounterTopScreen({ counterNumber, counter, synced, callKey }: CounterTopProps) {
  const { d } = useDisplayI18n();
  if (counterNumber === null || (synced && !counter)) {
    return (
      <section className="d-ctop d-ctop--error" data-testid="counter-top">
        <p className="d-ctop__error" data-testid="counter-top-error">
          {counterNumber === null ? d('counterMissing') : d('counterUnknown', { n: counterNumber })}
        </p>
      </section>
    );
  }
  const state = counter?.state ?? 'closed';
  const serving = counter && state !== 'closed' ? counter.serving : null;
  const idleKey = state === 'open' ? 'counterReady' : state === 'paused' ? 'counterPaused' : 'counterClosed';
  return (
    <section className={`d-ctop d-ctop--${state}`} data-testid="counter-top" data-state={state}>
      <div className="d-ctop__label" data-testid="counter-top-label">
        <CounterLabel n={counterNumber} />
      </div>
      {serving ? (
        <div
          key={callKey ?? serving}
          className="d-ctop__number d-flash"
          data-testid="counter-top-number"
          style={charsStyle(serving)}
        >
          {serving}
        </div>
      ) : (
        <div className="d-ctop__state" data-testid="counter-top-state">
          <Bilingual k={idleKey} />
        </div>
      )}
      {serving && state === 'paused' && (
        <div className="d-ctop__note">
          <Bilingual k="counterPaused" />
        </div>
      )}
    </section>
  );
}

// ---- overlays ----------------------------------------------------------------------

/** The browser refused to play sound until someone touches the screen: one big button. */
export function SoundButton({ onUnlock }: { onUnlock: () => void }) {
  const { d, dEn } = useDisplayI18n();
  return (
    <button type="button" className="d-sound" data-testid="enable-sound" onClick={onUnlock}>
      <Volume2 className="d-sound__icon" aria-hidden="true" focusable="false" strokeWidth={2.5} />
      <span className="d-sound__text">
        <span>{d('enableSound')}</span>
        <span className="d-sound__en" lang="en">
          {dEn('enableSound')}
        </span>
      </span>
    </button>
  );
}
