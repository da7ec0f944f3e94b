import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CENTRE_TIME_ZONE, formatClock } from '../format.ts';
import { isLanguage } from '../i18n.ts';

export interface ClockProps {
  timeZone?: string;
  /** For tests and screenshots: a fixed time. */
  now?: Date;
}

/** Date and time in the centre's time zone ("Thứ Hai, 12/05/2025" and "09:05"), every second. */
export function Clock({ timeZone = CENTRE_TIME_ZONE, now }: ClockProps) {
  const { t, i18n } = useTranslation();
  const [current, setCurrent] = useState(() => now ?? new Date());
  useEffect(() => {
    if (now) {
      setCurrent(now);
      return;
    }
    const timer = setInterval(() => setCurrent(new Date()), 1000);
    return () => clearInterval(timer);
  }, [now]);
  const language = isLanguage(i18n.language) ? i18n.language : 'vi';
  const { date, time } = formatClock(current, language, timeZone);
  return (
    <div className="luot-clock" role="timer" aria-label={`${t('clock.label')}: ${time}, ${date}`}>
      <time className="luot-clock__time" dateTime={current.toISOString()}>
        {time}
      </time>
      <span className="luot-clock__date">{date}</span>
    </div>
  );
}
