// The wall display page, built for the hub: it serves dist/ at /display/, and dist/voice/ (Vite
// copies public/) at /display/voice/. The shared settings: @luot/ui/vite.
import { viteApp } from '@luot/ui/vite';
import { defineConfig } from 'vite';

export default defineConfig(viteApp({ configUrl: import.meta.url, base: '/display/' }));
