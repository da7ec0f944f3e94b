// The centre (name, opening hours) as the kiosk shows it: loaded from the hub, retried until it
// answers, refreshed now and then, and reloaded at once when an admin changes it
// (`catalog:changed`). The fields reload themselves in the queue store (@luot/ui).
import type { Centre } from '@luot/shared';
import type { HubClient } from '@luot/ui';

export interface WatchCentreOptions {
  /** After a failed load; default 10 s. */
  retryMs?: number;
  /** Between loads otherwise; default 10 minutes. */
  refreshMs?: number;
}

/** Calls `onCentre` with every centre loaded; returns a function that stops watching. */
export function watchCentre(
  client: Pick<HubClient, 'centre' | 'on'>,
  onCentre: (centre: Centre) => void,
  options: WatchCentreOptions = {},
): () => void {
  let live = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let loading = 0;
  const load = () => {
    clearTimeout(timer);
    const mine = ++loading;
    client.centre().then(
      (centre) => {
        // An older answer that lost the race to a newer load is dropped.
        if (!live || mine !== loading) return;
        onCentre(centre);
        timer = setTimeout(load, options.refreshMs ?? 600_000);
      },
      () => {
        if (live && mine === loading) timer = setTimeout(load, options.retryMs ?? 10_000);
      },
    );
  };
  const off = client.on('catalogChanged', ({ what }) => {
    if (what === 'centre') load();
  });
  load();
  return () => {
    live = false;
    clearTimeout(timer);
    off();
  };
}
