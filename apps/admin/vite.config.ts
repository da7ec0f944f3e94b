// The director's dashboard and the administration pages, built for the hub: it serves dist/ at
// /admin/. A browser app only: no Electron shell. The shared settings: @luot/ui/vite.
import { viteApp } from '@luot/ui/vite';
import { defineConfig } from 'vite';

export default defineConfig(
  viteApp({
    configUrl: import.meta.url,
    base: '/admin/',
    // chart.js is most of the bundle; one page, loaded once per session on a desktop.
    chunkSizeWarningLimit: 900,
  }),
);
