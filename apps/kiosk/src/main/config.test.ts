import { describe, expect, it } from 'vitest';
import { KioskConfigError, parseKioskConfig } from './config.ts';

describe('kiosk config file', () => {
  it('reads a minimal config with defaults', () => {
    expect(parseKioskConfig('{"hubUrl":"http://192.168.1.10:8080/"}')).toEqual({
      hubUrl: 'http://192.168.1.10:8080',
      printer: null,
      fullscreen: true,
    });
  });

  it('reads a local printer', () => {
    const c = parseKioskConfig(
      JSON.stringify({ hubUrl: 'http://hub:8080', printer: { uri: 'file:/dev/usb/lp0', paper: 58 } }),
    );
    expect(c.printer).toEqual({ uri: 'file:/dev/usb/lp0', paper: 58, mode: 'raster' });
  });

  it.each([
    ['not json', /not valid JSON/],
    ['{}', /hubUrl:/],
    ['{"hubUrl":"ftp://x"}', /hubUrl: http:\/\/ or https:\/\//],
    ['{"hubUrl":"http://x","printer":{"uri":"tcp://p:9100","paper":57}}', /printer.paper/],
    ['{"hubUrl":"http://x","extra":1}', /config: Unrecognized key/],
  ])('refuses %s clearly', (text, message) => {
    expect(() => parseKioskConfig(text)).toThrow(KioskConfigError);
    expect(() => parseKioskConfig(text)).toThrow(message);
  });
});
