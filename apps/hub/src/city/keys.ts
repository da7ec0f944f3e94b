// The centre's Ed25519 key for its city reports: a PEM file beside the database, readable by the
// hub's user only (0600), included by `pnpm luot backup`. Officers go up as pseudonyms made with
// a key derived from it, so a city never learns who served, only that the same officer did.
import { createHmac, createPrivateKey, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newCentreKeyPair } from '@luot/shared/node';

export const CITY_KEY_FILE = 'city-key.pem';

export const cityKeyPath = (dataDir: string) => join(dataDir, CITY_KEY_FILE);

export interface CentreKey {
  privateKey: KeyObject;
  /** Makes an officer's pseudonymous id: the same officer, the same id; never the user's id or name. */
  pseudonym(officerId: string): string;
}

function centreKey(pem: string): CentreKey {
  const privateKey = createPrivateKey(pem);
  const secret = createHmac('sha256', 'luot-officer-pseudonym').update(pem).digest();
  return {
    privateKey,
    pseudonym: (officerId) =>
      `o-${createHmac('sha256', secret).update(officerId).digest('base64url').slice(0, 16)}`,
  };
}

/** The key in the data dir, or null when the hub has not joined a city. */
export function loadCentreKey(dataDir: string): CentreKey | null {
  const file = cityKeyPath(dataDir);
  return existsSync(file) ? centreKey(readFileSync(file, 'utf8')) : null;
}

/** A new key pair, written atomically with mode 0600; its public key (SPKI PEM) to enrol with. */
export function makeCentreKey(dataDir: string): {
  publicKey: string;
  commit: () => void;
  discard: () => void;
} {
  const { privateKey, publicKey } = newCentreKeyPair();
  const file = cityKeyPath(dataDir);
  const pending = `${file}.new`;
  writeFileSync(pending, privateKey, { mode: 0o600 });
  chmodSync(pending, 0o600);
  return {
    publicKey,
    /** Keeps the new key (once the city accepted it); until then the old one stays. */
    commit: () => renameSync(pending, file),
    discard: () => rmSync(pending, { force: true }),
  };
}
