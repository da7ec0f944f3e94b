// Helpers for the integration tests (not exported from the package).
import type { HubClient, HubClientEvents } from './client.ts';

/** Resolves when `check()` is true (polled), or rejects after `timeoutMs` with `what`. */
export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The next `name` event of a client. */
export function nextClientEvent<K extends keyof HubClientEvents>(
  client: HubClient,
  name: K,
  timeoutMs = 5000,
): Promise<HubClientEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${String(name)} within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = client.on(name, (value) => {
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });
}
