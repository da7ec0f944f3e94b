// The Vite config of a page the hub serves (kiosk, counter, display, admin), in one place: the
// base path the hub serves dist/ at (every asset URL absolute under it), the build, the dev
// server's reach into the repository (the bundled Be Vietnam Pro fonts live in hardware/fonts)
// and the one proxy map to a hub (LUOT_HUB_URL, default http://127.0.0.1:8080) for `vite` and
// `vite preview`. `@luot/ui/vite`, imported by each app's vite.config.ts.
//
// Plain JavaScript (types in vite-app.d.ts): Vite loads a config's bare imports with Node itself,
// and Node 20 does not run TypeScript.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';

/** What the dev and preview servers send on to the hub: the API, the display's media, the socket. */
export function hubProxy(hub = process.env.LUOT_HUB_URL ?? 'http://127.0.0.1:8080') {
  return { '/api': hub, '/media': hub, '/socket.io': { target: hub, ws: true } };
}

/** @param {import('./vite-app.d.ts').ViteAppOptions} options */
export function viteApp(options) {
  /** @param {string} path */
  const here = (path) => fileURLToPath(new URL(path, options.configUrl));
  const pages = options.pages ?? { index: 'index.html' };
  const proxy = hubProxy();
  return {
    base: options.base,
    plugins: [react()],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      // Fonts are bundled as files, not inlined (the pages' CSP allows font-src 'self' only).
      assetsInlineLimit: 0,
      ...(options.chunkSizeWarningLimit === undefined
        ? {}
        : { chunkSizeWarningLimit: options.chunkSizeWarningLimit }),
      rollupOptions: {
        input: Object.fromEntries(Object.entries(pages).map(([name, file]) => [name, here(`./${file}`)])),
      },
    },
    server: {
      // The repository: the fonts in hardware/fonts and the workspace packages.
      fs: { allow: [here('../..')] },
      proxy,
    },
    preview: { proxy },
  };
}
