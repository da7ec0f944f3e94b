// The director's dashboard and the administration pages, built for the hub: it serves dist/ at
// /admin/ (so every asset URL is absolute, under /admin/). A browser app only: no Electron shell.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const hub = process.env.LUOT_HUB_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Fonts are bundled as files, not inlined (the pages' CSP allows font-src 'self' only).
    assetsInlineLimit: 0,
    // chart.js is most of the bundle; one page, loaded once per session on a desktop.
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      input: { index: here('./index.html') },
    },
  },
  server: {
    // The bundled Be Vietnam Pro fonts live in hardware/fonts.
    fs: { allow: [here('../..')] },
    proxy: { '/api': hub, '/socket.io': { target: hub, ws: true } },
  },
  preview: {
    proxy: { '/api': hub, '/socket.io': { target: hub, ws: true } },
  },
});
