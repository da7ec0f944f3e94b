// The live overview page: GET /api/v1/overview, fetched again when the hub says something changed
// (queue:changed, catalog:changed, a reconnect) and once a minute for the ages of alerts. Bursts
// of changes (a busy morning) are coalesced into one fetch at a time.
import type { CatalogChangedEvent, CityLink, Overview } from '@luot/shared';
import { formatClock, type HubClient } from '@luot/ui';
import { useEffect, useRef, useState } from 'react';
import type { AdminApi } from './api.ts';
import { CitySyncLine } from './city-sync.tsx';
import { ErrorLine, errorText, useAdminI18n } from './common.tsx';
import { OverviewScreen } from './overview.tsx';

/** Once a minute: alert ages and idle times move on even when nothing happens. */
export const TICK_MS = 60_000;

type Listen = (client: HubClient, listener: (event: CatalogChangedEvent) => void) => () => void;

/** `catalog:changed` through the HubClient (validated there, like queue:changed). */
export const onCatalogChanged: Listen = (client, listener) => client.on('catalogChanged', listener);

/**
 * Runs `task` now, and again after it finishes if `request()` was called meanwhile: never two at
 * once, never a lost request, at most one queued.
 */
export function coalesce(task: () => Promise<void>): { request: () => void; dispose: () => void } {
  let running = false;
  let again = false;
  let disposed = false;
  const run = async () => {
    running = true;
    try {
      await task();
    } finally {
      running = false;
      if (again && !disposed) {
        again = false;
        void run();
      }
    }
  };
  return {
    request() {
      if (disposed) return;
      if (running) again = true;
      else void run();
    },
    dispose() {
      disposed = true;
    },
  };
}

export function LivePage({ api, client, timeZone }: { api: AdminApi; client: HubClient; timeZone: string }) {
  const { a, language } = useAdminI18n();
  const [overview, setOverview] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [nowMs, setNowMs] = useState(() => Date.now());
  const [namesEn, setNamesEn] = useState<Record<string, string>>({});
  const [city, setCity] = useState<CityLink | null>(null);
  const languageRef = useRef(language);
  languageRef.current = language;

  useEffect(() => {
    const refresh = coalesce(async () => {
      try {
        const [next, link] = await Promise.all([api.overview(), api.cityStatus().catch(() => null)]);
        setOverview(next);
        setCity(link);
        setNowMs(Date.parse(next.at) || Date.now());
        setError(null);
      } catch (err) {
        setError(errorText(err, languageRef.current));
      }
    });
    refresh.request();
    const off = [
      client.on('queueChanged', () => refresh.request()),
      client.on('snapshot', () => refresh.request()),
      onCatalogChanged(client, () => refresh.request()),
    ];
    const loadNames = () =>
      client
        .services()
        .then((list) => setNamesEn(Object.fromEntries(list.map((s) => [s.id, s.nameEn]))))
        .catch(() => {});
    loadNames();
    off.push(
      onCatalogChanged(client, (event) => {
        if (event.what === 'services') loadNames();
      }),
    );
    const timer = setInterval(() => refresh.request(), TICK_MS);
    return () => {
      refresh.dispose();
      clearInterval(timer);
      for (const f of off) f();
    };
  }, [api, client]);

  if (!overview)
    return error ? (
      <ErrorLine message={a('loadFailed', { message: error })} testId="overview-error" />
    ) : (
      <p className="a-loading">{a('loading')}</p>
    );
  return (
    <>
      <ErrorLine message={error ? a('loadFailed', { message: error }) : null} testId="overview-error" />
      <OverviewScreen
        overview={overview}
        namesEn={namesEn}
        nowMs={nowMs}
        alertWaitSeconds={overview.thresholds.alertWaitMinutes * 60}
        updatedAt={formatClock(new Date(overview.at), language, timeZone).time}
      />
      <CitySyncLine city={city} nowMs={nowMs} timeZone={timeZone} />
    </>
  );
}
