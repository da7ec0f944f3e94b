// Paired devices: their rows, when they were last seen, kiosk printer settings and open alerts.
// Statements are prepared on first use, as before they moved here.
import type { DeviceKind } from '@luot/shared';
import type { Db } from './database.ts';
import { prepared } from './prepared.ts';

export interface DeviceRow {
  id: string;
  kind: DeviceKind;
  name: string;
  counter_id: string | null;
  zone: string | null;
  active: number;
  created_at: number;
  last_seen_at: number | null;
  /** Kiosks: their own printer; null uses the hub's default printer. */
  printer_uri: string | null;
  printer_paper: 58 | 80;
  printer_mode: 'raster' | 'text' | 'ascii';
}

export interface DeviceAlertRow {
  id: number;
  device_id: string;
  kind: string;
  code: string;
  message: string;
  at: number;
  last_at: number;
  count: number;
  cleared_at: number | null;
}

export interface NewDevice {
  id: string;
  kind: DeviceKind;
  name: string;
  counterId: string | null;
  zone: string | null;
}

export interface DeviceAlertKey {
  deviceId: string;
  kind: string;
  code: string;
}

export function deviceData(db: Db) {
  return {
    /** The device, active or not. */
    byId(id: string): DeviceRow | undefined {
      return prepared<DeviceRow>(db, 'SELECT * FROM devices WHERE id = ?').get(id);
    },
    /** The device if it is active. */
    activeById(id: string): DeviceRow | undefined {
      return prepared<DeviceRow>(db, 'SELECT * FROM devices WHERE id = ? AND active = 1').get(id);
    },
    /** Active devices by kind, name and id. */
    listActive(): DeviceRow[] {
      return prepared<DeviceRow>(db, 'SELECT * FROM devices WHERE active = 1 ORDER BY kind, name, id').all();
    },
    /** A newly paired device, seen now. */
    insert(device: NewDevice, now: number): void {
      prepared(
        db,
        'INSERT INTO devices (id, kind, name, counter_id, zone, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(device.id, device.kind, device.name, device.counterId, device.zone, now, now);
    },
    setLastSeen(id: string, at: number): void {
      prepared(db, 'UPDATE devices SET last_seen_at = ? WHERE id = ?').run(at, id);
    },
    setPrinter(
      id: string,
      printer: { uri: string | null; paper: 58 | 80; mode: DeviceRow['printer_mode'] },
    ): void {
      prepared(
        db,
        'UPDATE devices SET printer_uri = ?, printer_paper = ?, printer_mode = ? WHERE id = ?',
      ).run(printer.uri, printer.paper, printer.mode, id);
    },
    /** The device's open alerts, oldest first. */
    openAlerts(deviceId: string): DeviceAlertRow[] {
      return prepared<DeviceAlertRow>(
        db,
        'SELECT * FROM device_alerts WHERE device_id = ? AND cleared_at IS NULL ORDER BY id',
      ).all(deviceId);
    },
    /** Counts one more of an open alert with this key; returns how many open alerts it counted. */
    countOpenAlert(alert: DeviceAlertKey, message: string, now: number): number {
      return prepared(
        db,
        `UPDATE device_alerts SET count = count + 1, last_at = ?, message = ?
         WHERE device_id = ? AND kind = ? AND code = ? AND cleared_at IS NULL`,
      ).run(now, message, alert.deviceId, alert.kind, alert.code).changes;
    },
    insertAlert(alert: DeviceAlertKey, message: string, now: number): void {
      prepared(
        db,
        `INSERT INTO device_alerts (device_id, kind, code, message, at, last_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(alert.deviceId, alert.kind, alert.code, message, now, now);
    },
    /** Clears the device's open alerts of this kind; returns how many were open. */
    clearAlerts(deviceId: string, kind: string, now: number): number {
      return prepared(
        db,
        'UPDATE device_alerts SET cleared_at = ? WHERE device_id = ? AND kind = ? AND cleared_at IS NULL',
      ).run(now, deviceId, kind).changes;
    },
  };
}

export type DeviceData = ReturnType<typeof deviceData>;
