// The counter terminal and the rating tablet page, built for the hub: it serves dist/ at
// /counter/ (so every asset URL is absolute, under /counter/). The Electron shell loads the same
// renderer.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const hub = process.env.LUOT_HUB_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/counter/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Fonts are bundled as files, not inlined (the pages' CSP allows font-src 'self' only).
    assetsInlineLimit: 0,
    rollupOptions: {
      input: { index: here('./index.html'), rating: here('./rating.html') },
    },
  },
  server: {
    fs: { allow: [here('../..')] },
    proxy: { '/api': hub, '/socket.io': { target: hub, ws: true } },
  },
  preview: {
    proxy: { '/api': hub, '/socket.io': { target: hub, ws: true } },
  },
});
