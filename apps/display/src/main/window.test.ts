import { secureWebPreferences } from '@luot/shell';
import { describe, expect, it } from 'vitest';
import { displayWindowOptions } from './window.ts';

describe('the display window', () => {
  it('keeps every shared security preference and only allows sound without a touch', () => {
    const options = displayWindowOptions('/app/preload.cjs', { fullscreen: true });
    const { autoplayPolicy, backgroundThrottling, ...rest } = options.webPreferences;
    expect(rest).toEqual(secureWebPreferences('/app/preload.cjs'));
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(autoplayPolicy).toBe('no-user-gesture-required');
    expect(backgroundThrottling).toBe(false);
  });

  it('is a fullscreen kiosk window unless configured otherwise', () => {
    expect(displayWindowOptions('p', { fullscreen: true })).toMatchObject({
      fullscreen: true,
      kiosk: true,
      show: false,
    });
    expect(displayWindowOptions('p', { fullscreen: false })).toMatchObject({
      fullscreen: false,
      kiosk: false,
    });
  });
});
