// viteApp (@luot/ui/vite): the settings every app's vite.config.ts had on its own.
import { describe, expect, it } from 'vitest';
import { hubProxy, viteApp } from './vite-app.js';

const configUrl = 'file:///repo/apps/kiosk/vite.config.ts';

describe('viteApp', () => {
  it('builds for the hub under the base path, pages relative to the app', () => {
    const config = viteApp({
      configUrl,
      base: '/kiosk/',
      pages: { index: 'index.html', status: 'status.html' },
    });
    expect(config.base).toBe('/kiosk/');
    expect(config.build).toMatchObject({
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      assetsInlineLimit: 0,
      rollupOptions: {
        input: { index: '/repo/apps/kiosk/index.html', status: '/repo/apps/kiosk/status.html' },
      },
    });
    expect(config.build).not.toHaveProperty('chunkSizeWarningLimit');
    expect(config.server?.fs?.allow).toEqual(['/repo/']);
    expect(config.plugins?.length).toBeGreaterThan(0);
  });

  it('one page by default; a chunk size limit when asked', () => {
    const config = viteApp({ configUrl, base: '/admin/', chunkSizeWarningLimit: 900 });
    expect(config.build?.rollupOptions?.input).toEqual({ index: '/repo/apps/kiosk/index.html' });
    expect(config.build?.chunkSizeWarningLimit).toBe(900);
  });

  it('the dev and preview servers proxy the API, media and socket to one hub', () => {
    expect(hubProxy('http://hub:9')).toEqual({
      '/api': 'http://hub:9',
      '/media': 'http://hub:9',
      '/socket.io': { target: 'http://hub:9', ws: true },
    });
    const config = viteApp({ configUrl, base: '/display/' });
    expect(config.server?.proxy).toEqual(config.preview?.proxy);
    expect(Object.keys(config.server?.proxy ?? {})).toEqual(['/api', '/media', '/socket.io']);
  });
});
