// One-time pairing codes, stored by their SHA-256 hash, exchanged once for a device.
// Statements are prepared on first use, as before they moved here.
import type { DeviceKind } from '@luot/shared';
import type { Db } from './database.ts';
import { prepared } from './prepared.ts';

/** A pairing code as pairing reads it. */
export interface PairingCodeRow {
  kind: DeviceKind;
  name: string;
  counter_id: string | null;
  zone: string | null;
  expires_at: number;
  used_at: number | null;
}

export interface NewPairingCode {
  codeHash: string;
  kind: DeviceKind;
  name: string;
  counterId: string | null;
  zone: string | null;
  createdBy: string | null;
  createdAt: number;
  expiresAt: number;
}

export function pairingCodeData(db: Db) {
  return {
    insert(code: NewPairingCode): void {
      prepared(
        db,
        `INSERT INTO pairing_codes (code_hash, kind, name, counter_id, zone, created_by, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        code.codeHash,
        code.kind,
        code.name,
        code.counterId,
        code.zone,
        code.createdBy,
        code.createdAt,
        code.expiresAt,
      );
    },
    byHash(codeHash: string): PairingCodeRow | undefined {
      return prepared<PairingCodeRow>(
        db,
        'SELECT kind, name, counter_id, zone, expires_at, used_at FROM pairing_codes WHERE code_hash = ?',
      ).get(codeHash);
    },
    markUsed(codeHash: string, deviceId: string, at: number): void {
      prepared(db, 'UPDATE pairing_codes SET used_at = ?, device_id = ? WHERE code_hash = ?').run(
        at,
        deviceId,
        codeHash,
      );
    },
  };
}

export type PairingCodeData = ReturnType<typeof pairingCodeData>;
