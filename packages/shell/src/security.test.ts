import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  crashReloadPolicy,
  isAllowedNavigation,
  secureWebPreferences,
} from './security.ts';

describe('Electron window security', () => {
  it('keeps context isolation and the sandbox on, Node off', () => {
    expect(secureWebPreferences('/p.js')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
  });

  it('allows navigation only within the hub origin', () => {
    const hub = 'http://192.168.1.10:8080';
    expect(isAllowedNavigation('http://192.168.1.10:8080/kiosk/', hub)).toBe(true);
    expect(isAllowedNavigation('http://192.168.1.10:8081/kiosk/', hub)).toBe(false);
    expect(isAllowedNavigation('https://example.com/', hub)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', hub)).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)', hub)).toBe(false);
    expect(isAllowedNavigation('not a url', hub)).toBe(false);
  });

  it('sends a CSP that allows only the hub', () => {
    const csp = contentSecurityPolicy('http://10.0.0.2:8080/');
    expect(csp).toContain("connect-src 'self' http://10.0.0.2:8080 ws://10.0.0.2:8080");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('reloads after a crash, but gives up on a crash loop', () => {
    const policy = crashReloadPolicy(3, 60_000);
    expect([0, 1000, 2000].map((t) => policy(t))).toEqual(['reload', 'reload', 'reload']);
    expect(policy(3000)).toBe('give-up');
    expect(policy(120_000)).toBe('reload');
  });
});
