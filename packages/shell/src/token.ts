// A device's token (kiosk, display), kept encrypted with Electron's safeStorage. Plain Node,
// tested without Electron; shared by the shells' main processes.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/** A device token as the hub hands it out (random, printable). */
export function isDeviceToken(value: unknown): value is string {
  return typeof value === 'string' && /^[\x21-\x7e]{16,512}$/.test(value);
}

/** Electron's safeStorage, as far as the token store uses it. */
export interface Cipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** The device token in one file, encrypted by the OS keychain (DPAPI, Keychain, libsecret). */
export function createTokenStore(file: string, cipher: Cipher) {
  return {
    get(): string | null {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        return null;
      }
      try {
        const token = cipher.decryptString(bytes);
        return isDeviceToken(token) ? token : null;
      } catch {
        return null; // another user's or machine's keychain: pair again
      }
    },
    set(token: string): void {
      if (!isDeviceToken(token)) throw new Error('not a device token');
      if (!cipher.isEncryptionAvailable()) throw new Error('safeStorage: no OS encryption available');
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, cipher.encryptString(token), { mode: 0o600 });
      renameSync(tmp, file);
    },
    clear(): void {
      rmSync(file, { force: true });
    },
  };
}

/** IPC channels of the device token (each app names its own). */
export interface TokenChannels {
  getToken: string;
  setToken: string;
  clearToken: string;
}

/** The token store at `file` and its IPC handlers: read, set (checked), clear. */
export function deviceTokenHandlers(file: string, cipher: Cipher, channels: TokenChannels) {
  const tokens = createTokenStore(file, cipher);
  return {
    tokens,
    handlers: {
      [channels.getToken]: () => tokens.get(),
      [channels.setToken]: (token: unknown) => {
        if (!isDeviceToken(token)) throw new Error('not a device token');
        tokens.set(token);
      },
      [channels.clearToken]: () => tokens.clear(),
    },
  };
}
