import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Cipher, createTokenStore, isDeviceToken } from './token.ts';

/** A stand-in for safeStorage: reversible, and visibly not the plain token. */
const cipher = (available = true): Cipher => ({
  isEncryptionAvailable: () => available,
  encryptString: (plain) => Buffer.from(`enc:${[...plain].reverse().join('')}`),
  decryptString: (bytes) => {
    const text = bytes.toString();
    if (!text.startsWith('enc:')) throw new Error('not ours');
    return [...text.slice(4)].reverse().join('');
  },
});

const TOKEN = 'dev_0123456789abcdefXYZ';

describe('device token store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'luot-display-token-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the token encrypted, reads it back, forgets it', () => {
    const file = join(dir, 'device-token.bin');
    const store = createTokenStore(file, cipher());
    expect(store.get()).toBeNull();
    store.set(TOKEN);
    expect(readFileSync(file, 'utf8')).not.toContain(TOKEN);
    expect(store.get()).toBe(TOKEN);
    store.clear();
    expect(existsSync(file)).toBe(false);
    expect(store.get()).toBeNull();
  });

  it('refuses what is not a token, and storing without OS encryption', () => {
    const store = createTokenStore(join(dir, 't.bin'), cipher(false));
    expect(() => store.set('short')).toThrow(/not a device token/);
    expect(() => store.set(TOKEN)).toThrow(/safeStorage/);
    expect(isDeviceToken('x'.repeat(16))).toBe(true);
    expect(isDeviceToken('has space in it, long enough')).toBe(false);
    expect(isDeviceToken(42)).toBe(false);
  });

  it('a file from another keychain reads as no token (pair again)', () => {
    const file = join(dir, 't.bin');
    writeFileSync(file, 'garbage');
    expect(createTokenStore(file, cipher()).get()).toBeNull();
  });
});
