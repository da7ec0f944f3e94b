// The kiosk page and the ticket status page, built for the hub: it serves dist/ at /kiosk/ and
// dist/status.html at /t/:id. The shared settings: @luot/ui/vite.
import { viteApp } from '@luot/ui/vite';
import { defineConfig } from 'vite';

export default defineConfig(
  viteApp({
    configUrl: import.meta.url,
    base: '/kiosk/',
    pages: { index: 'index.html', status: 'status.html' },
  }),
);
