// The counter PC's devices (LED sign, keypad, rating pad) as the renderer sees them. In Electron the
// main process drives them itself (keypad actions, the sign, pad ratings) once it knows who is
// signed in at which counter; the renderer only hands it the session, opens the finish / transfer
// dialogs it asks for and shows its status. In a browser (no `window.luotCounter`) there are none.
// Plain functions, no React: tested with a fake preload API (devices.test.ts).
import type { CounterPreloadApi, DevicesEvent, DevicesSession, DevicesStatus } from '../preload/api.ts';
import type { CounterStrings } from './strings.ts';

/** The preload API, or null in a plain browser. */
export function devicesApi(
  win: { luotCounter?: CounterPreloadApi } | undefined = globalThis.window,
): CounterPreloadApi | null {
  return win?.luotCounter ?? null;
}

/** What the `devices-status` line says. */
export type DevicesView =
  | { kind: 'browser' }
  | { kind: 'pending' }
  | { kind: 'status'; status: DevicesStatus }
  | { kind: 'error'; message: string };

export function devicesText(
  view: DevicesView,
  c: (key: keyof CounterStrings, values?: Record<string, string | number>) => string,
): string {
  switch (view.kind) {
    case 'browser':
      return c('devicesBrowser');
    case 'pending':
      return c('devicesPending');
    case 'error':
      return c('devicesError', { message: view.message });
    case 'status':
      return view.status.serial === 'up'
        ? c('devicesOn')
        : view.status.serial === 'down'
          ? c('devicesDown')
          : c('devicesOff');
  }
}

export interface DevicesHandlers {
  onView(view: DevicesView): void;
  onNeedsFinish(ticketId: string): void;
  onNeedsTransfer(ticketId: string): void;
}

/**
 * Starts the devices for an officer signed in at a counter: listens to the bridge's events, then
 * gives it the session. Returns the function that stops listening (sign-out is `endDevicesSession`).
 */
export function startDevicesSession(
  api: CounterPreloadApi,
  session: DevicesSession,
  handlers: DevicesHandlers,
): () => void {
  let live = true;
  handlers.onView({ kind: 'pending' });
  const off = api.onDevicesEvent((event: DevicesEvent) => {
    if (!live) return;
    switch (event.type) {
      case 'status':
        handlers.onView({ kind: 'status', status: event.status });
        return;
      case 'needs-finish':
        handlers.onNeedsFinish(event.ticketId);
        return;
      case 'needs-transfer':
        handlers.onNeedsTransfer(event.ticketId);
        return;
      default:
        // 'key' / 'rating': the bridge already acted; a failure shows up in its status.
        return;
    }
  });
  api.setDevicesSession(session).then(
    (outcome) => {
      if (!live) return;
      handlers.onView(
        outcome.ok ? { kind: 'status', status: outcome.status } : { kind: 'error', message: outcome.message },
      );
    },
    (err: unknown) => {
      if (live) handlers.onView({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    },
  );
  return () => {
    live = false;
    off();
  };
}

/** Sign-out or a lost token: the bridge stops acting for the officer. Never throws. */
export function endDevicesSession(api: CounterPreloadApi | null): void {
  if (!api) return;
  api.setDevicesSession(null).catch(() => {});
}
