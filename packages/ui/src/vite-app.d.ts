// Types of vite-app.js (`@luot/ui/vite`).
import type { ProxyOptions, UserConfig } from 'vite';

export interface ViteAppOptions {
  /** `import.meta.url` of the app's vite.config.ts: page paths are relative to it. */
  configUrl: string;
  /** Where the hub serves the app's dist/, e.g. `/kiosk/`. */
  base: string;
  /** The HTML pages by entry name, relative to the app's folder. Default `{ index: 'index.html' }`. */
  pages?: Record<string, string>;
  /** Bundles above this size (kB) are worth a warning (Vite's default 500). */
  chunkSizeWarningLimit?: number;
}

/** What the dev and preview servers send on to the hub: the API, the display's media, the socket. */
export function hubProxy(hub?: string): Record<string, string | ProxyOptions>;

/** One app's Vite config (React, the build for the hub, the proxy to a hub). */
export function viteApp(options: ViteAppOptions): UserConfig;
