// The director's line about the centre's reports to the city (GET /api/v1/city): when they last
// went up, or since when they have been failing and why. Nothing when the hub has not joined a city.
import type { CityLink } from '@luot/shared';
import { formatClock, type Language } from '@luot/ui';
import { useAdminI18n } from './common.tsx';
import { formatAgo } from './format.ts';

/** The hub's reason (English, for logs) in the reader's language, for the reasons the sync gives. */
export function cityReason(error: string, a: ReturnType<typeof useAdminI18n>['a']): string {
  const unreachable = /^the city did not answer \((.*)\)$/.exec(error);
  if (unreachable) return a('cityReasonUnreachable', { detail: unreachable[1] ?? '' });
  const answered = /^the city answered (\d{3})/.exec(error);
  if (answered) {
    const status = answered[1]!;
    return status === '401' ? a('cityReasonRefused', { status }) : a('cityReasonAnswered', { status });
  }
  return error;
}

export function citySyncText(
  city: CityLink,
  nowMs: number,
  language: Language,
  timeZone: string,
  a: ReturnType<typeof useAdminI18n>['a'],
): { tone: 'ok' | 'failing'; text: string } {
  const when = (iso: string) => {
    const clock = formatClock(new Date(iso), language, timeZone);
    const today = formatClock(new Date(nowMs), language, timeZone).date === clock.date;
    return today ? clock.time : `${clock.time} ${clock.date}`;
  };
  if (city.lastError) {
    return {
      tone: 'failing',
      text: city.lastSentAt
        ? a('cityFailing', {
            last: `${when(city.lastSentAt)}, ${formatAgo(city.lastSentAt, nowMs, language)}`,
            error: cityReason(city.lastError, a),
          })
        : a('cityFailingNever', { error: cityReason(city.lastError, a) }),
    };
  }
  if (!city.lastSentAt) return { tone: 'ok', text: a('cityNeverSent') };
  return { tone: 'ok', text: a('citySynced', { time: when(city.lastSentAt) }) };
}

export function CitySyncLine({
  city,
  nowMs,
  timeZone,
}: {
  city: CityLink | null;
  nowMs: number;
  timeZone: string;
}) {
  const { a, language } = useAdminI18n();
  if (!city) return null;
  const { tone, text } = citySyncText(city, nowMs, language, timeZone, a);
  return (
    <p
      className={`a-city-sync a-city-sync--${tone}`}
      data-testid="city-sync"
      role={tone === 'failing' ? 'alert' : 'status'}
    >
      {text}
    </p>
  );
}
