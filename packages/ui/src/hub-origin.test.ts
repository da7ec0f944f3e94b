// The one rule for which hub a page talks to (kiosk, counter, display, admin).
import { describe, expect, it } from 'vitest';
import { httpOrigin, hubOrigin, pageProtocol } from './hub-origin.ts';

describe('hubOrigin', () => {
  it('a page served over http(s), by a hub or by Vite, talks to its own origin whatever ?hub= says', () => {
    for (const protocol of ['http:', 'https:']) {
      expect(hubOrigin('http://other-host:8080', protocol)).toBe('');
      expect(hubOrigin('https://evil.example/x?y#z', protocol)).toBe('');
      expect(hubOrigin(null, protocol)).toBe('');
    }
  });

  it('an unknown page (no location: not a browser) ignores ?hub= too', () => {
    expect(pageProtocol()).toBe('');
    expect(hubOrigin('http://other-host:8080')).toBe('');
    for (const protocol of ['', 'about:', 'blob:', 'data:', 'chrome-extension:'])
      expect(hubOrigin('http://other-host:8080', protocol)).toBe('');
  });

  it('a page opened from a file takes the http(s) origin of ?hub=', () => {
    expect(hubOrigin('http://192.168.1.10:8080/kiosk/?x=1', 'file:')).toBe('http://192.168.1.10:8080');
    expect(hubOrigin('https://hub.example', 'file:')).toBe('https://hub.example');
    expect(hubOrigin(null, 'file:')).toBe('');
    expect(hubOrigin('javascript:alert(1)', 'file:')).toBe('');
    expect(hubOrigin('ws://hub:8080', 'file:')).toBe('');
    expect(hubOrigin('not a url', 'file:')).toBe('');
  });

  it('httpOrigin: http(s) origins only', () => {
    expect(httpOrigin('http://10.0.0.5:8080/x')).toBe('http://10.0.0.5:8080');
    expect(httpOrigin('file:///etc/passwd')).toBe('');
    expect(httpOrigin('')).toBe('');
    expect(httpOrigin(undefined)).toBe('');
  });
});
