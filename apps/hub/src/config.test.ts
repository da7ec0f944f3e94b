import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, publicUrlFor } from './config.ts';

describe('configuration from the environment', () => {
  it('has the defaults of API.md', () => {
    expect(loadConfig({})).toEqual({
      dataDir: resolve('./data'),
      port: 8080,
      host: '0.0.0.0',
      seed: null,
      adminPassword: null,
      logLevel: 'info',
      publicUrl: null,
      defaultPrinter: null,
      appsDir: null,
      kioskIssueLimit: null,
      cityUrl: null,
      cityEnrolmentCode: null,
    });
  });

  it('reads every variable', () => {
    const c = loadConfig({
      LUOT_DATA_DIR: '/tmp/x',
      LUOT_PORT: '0',
      LUOT_HOST: '127.0.0.1',
      LUOT_SEED: 'demo',
      LUOT_ADMIN_PASSWORD: 'long-enough',
      LUOT_LOG_LEVEL: 'warn',
      LUOT_PUBLIC_URL: 'https://hub.xa-an-phu.vn/luot/',
      LUOT_DEFAULT_PRINTER: 'tcp://192.168.1.50:9100',
      LUOT_APPS_DIR: '/opt/luot/apps',
      LUOT_KIOSK_ISSUE_LIMIT: '30/90',
      LUOT_CITY_URL: 'https://thanhpho.cantho.gov.vn/',
      LUOT_CITY_ENROLMENT_CODE: 'K7QM-3XPA-TW9D',
    });
    expect(c).toEqual({
      dataDir: '/tmp/x',
      port: 0,
      host: '127.0.0.1',
      seed: 'demo',
      adminPassword: 'long-enough',
      logLevel: 'warn',
      publicUrl: 'https://hub.xa-an-phu.vn/luot',
      defaultPrinter: 'tcp://192.168.1.50:9100',
      appsDir: '/opt/luot/apps',
      kioskIssueLimit: { burst: 30, perMinute: 90 },
      cityUrl: 'https://thanhpho.cantho.gov.vn',
      cityEnrolmentCode: 'K7QM-3XPA-TW9D',
    });
  });

  it.each([
    [{ LUOT_PORT: 'eighty' }, 'LUOT_PORT: a whole number from 0 to 65535'],
    [{ LUOT_PORT: '70000' }, 'LUOT_PORT: a whole number from 0 to 65535'],
    [{ LUOT_SEED: 'prod' }, 'LUOT_SEED: only "demo" is known'],
    [{ LUOT_ADMIN_PASSWORD: 'short' }, 'LUOT_ADMIN_PASSWORD: at least 8 characters'],
    [{ LUOT_ADMIN_PASSWORD: '12345678' }, 'LUOT_ADMIN_PASSWORD: too simple'],
    [{ LUOT_ADMIN_PASSWORD: 'Admin2024' }, 'LUOT_ADMIN_PASSWORD: must not be the username'],
    [{ LUOT_ADMIN_PASSWORD: 'password1' }, 'LUOT_ADMIN_PASSWORD: one of the most common passwords'],
    [{ LUOT_PUBLIC_URL: 'hub.local:8080' }, 'LUOT_PUBLIC_URL: an http:// or https:// URL'],
    [{ LUOT_PUBLIC_URL: 'ftp://hub.local' }, 'LUOT_PUBLIC_URL: an http:// or https:// URL'],
    [{ LUOT_PUBLIC_URL: 'http://hub.local/?x=1' }, 'LUOT_PUBLIC_URL: an http:// or https:// URL'],
    [{ LUOT_DEFAULT_PRINTER: 'lpt1' }, 'LUOT_DEFAULT_PRINTER: lpt1: expected tcp://HOST:PORT'],
    [
      { LUOT_DEFAULT_PRINTER: 'tcp://printer:99999' },
      'LUOT_DEFAULT_PRINTER: tcp://printer:99999: port must be 1..65535',
    ],
    [{ LUOT_KIOSK_ISSUE_LIMIT: '20' }, 'LUOT_KIOSK_ISSUE_LIMIT: BURST/PER_MINUTE'],
    [{ LUOT_KIOSK_ISSUE_LIMIT: '0/60' }, 'LUOT_KIOSK_ISSUE_LIMIT: BURST/PER_MINUTE'],
    [{ LUOT_KIOSK_ISSUE_LIMIT: 'none' }, 'LUOT_KIOSK_ISSUE_LIMIT: BURST/PER_MINUTE'],
  ])('names the bad variable: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('takes a file: default printer only when it is a character device under /dev', () => {
    expect(loadConfig({ LUOT_DEFAULT_PRINTER: 'file:/dev/null' }).defaultPrinter).toBe('file:/dev/null');
    const dir = mkdtempSync(join(tmpdir(), 'luot-config-'));
    try {
      const file = join(dir, 'lp0');
      writeFileSync(file, '');
      for (const [uri, message] of [
        [`file:${file}`, 'outside /dev'],
        ['file:/tmp/luot-printer-nowhere', 'outside /dev'],
        ['file:/dev/shm', 'a directory'],
      ] as const) {
        expect(() => loadConfig({ LUOT_DEFAULT_PRINTER: uri })).toThrow(ConfigError);
        expect(() => loadConfig({ LUOT_DEFAULT_PRINTER: uri })).toThrow(`LUOT_DEFAULT_PRINTER: ${uri}: `);
        expect(() => loadConfig({ LUOT_DEFAULT_PRINTER: uri })).toThrow(message);
      }
      expect(existsSync('/tmp/luot-printer-nowhere')).toBe(false);
      // A USB printer unplugged while the hub starts: the hub starts, printing says offline.
      expect(loadConfig({ LUOT_DEFAULT_PRINTER: 'file:/dev/luot-no-such-printer' }).defaultPrinter).toBe(
        'file:/dev/luot-no-such-printer',
      );
      expect(existsSync('/dev/luot-no-such-printer')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the public URL printed in ticket QR codes', () => {
  const lan = {
    lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
    eth0: [
      { address: 'fe80::1', family: 'IPv6', internal: false },
      { address: '192.168.1.10', family: 'IPv4', internal: false },
    ],
  } as unknown as ReturnType<typeof networkInterfaces>;

  it('is LUOT_PUBLIC_URL when set', () => {
    expect(publicUrlFor({ publicUrl: 'https://hub.example', host: '0.0.0.0' }, 8080, lan)).toBe(
      'https://hub.example',
    );
  });

  it('is the first non-internal IPv4 and the real port when listening on every address', () => {
    expect(publicUrlFor({ publicUrl: null, host: '0.0.0.0' }, 8081, lan)).toBe('http://192.168.1.10:8081');
  });

  it('falls back to 127.0.0.1 without a network, and uses a specific listen address as is', () => {
    expect(publicUrlFor({ publicUrl: null, host: '0.0.0.0' }, 8080, { lo: lan.lo! })).toBe(
      'http://127.0.0.1:8080',
    );
    expect(publicUrlFor({ publicUrl: null, host: '127.0.0.1' }, 9000, lan)).toBe('http://127.0.0.1:9000');
  });
});
