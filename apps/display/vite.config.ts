// The wall display page, built for the hub: it serves dist/ at /display/ (so every asset URL is
// absolute, under /display/), and dist/voice/ (Vite copies public/) at /display/voice/.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const hub = process.env.LUOT_HUB_URL ?? 'http://127.0.0.1:8080';
const proxy = { '/api': hub, '/media': hub, '/socket.io': { target: hub, ws: true } };

export default defineConfig({
  base: '/display/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Fonts are bundled as files, not inlined (the pages' CSP allows font-src 'self' only).
    assetsInlineLimit: 0,
    rollupOptions: {
      input: { index: here('./index.html') },
    },
  },
  server: {
    // The bundled Be Vietnam Pro fonts live in hardware/fonts.
    fs: { allow: [here('../..')] },
    proxy,
  },
  preview: { proxy },
});
