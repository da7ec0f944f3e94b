// The counter terminal and the rating tablet page, built for the hub: it serves dist/ at
// /counter/. The Electron shell loads the same renderer. The shared settings: @luot/ui/vite.
import { viteApp } from '@luot/ui/vite';
import { defineConfig } from 'vite';

export default defineConfig(
  viteApp({
    configUrl: import.meta.url,
    base: '/counter/',
    pages: { index: 'index.html', rating: 'rating.html' },
  }),
);
