import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration from the environment', () => {
  it('has the defaults of API.md', () => {
    expect(loadConfig({})).toEqual({
      dataDir: resolve('./data'),
      port: 8080,
      host: '0.0.0.0',
      seed: null,
      adminPassword: null,
      logLevel: 'info',
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
    });
    expect(c).toEqual({
      dataDir: '/tmp/x',
      port: 0,
      host: '127.0.0.1',
      seed: 'demo',
      adminPassword: 'long-enough',
      logLevel: 'warn',
    });
  });

  it.each([
    [{ LUOT_PORT: 'eighty' }, 'LUOT_PORT: a whole number from 0 to 65535'],
    [{ LUOT_PORT: '70000' }, 'LUOT_PORT: a whole number from 0 to 65535'],
    [{ LUOT_SEED: 'prod' }, 'LUOT_SEED: only "demo" is known'],
    [{ LUOT_ADMIN_PASSWORD: 'short' }, 'LUOT_ADMIN_PASSWORD: at least 8 characters'],
  ])('names the bad variable: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
