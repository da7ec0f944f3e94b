// Paired devices as the admin sees them: kiosk printer settings and open alerts (paper out, …).
import type { DeviceAlert, DeviceInfo, PrinterSettings } from '@luot/shared';
import type { DeviceAlertRow } from '../db/devices.ts';
import type { DeviceRow, Store } from '../db/store.ts';

const iso = (ms: number) => new Date(ms).toISOString();

function alertFromRow(row: DeviceAlertRow): DeviceAlert {
  return {
    id: String(row.id),
    kind: row.kind,
    code: row.code,
    message: row.message,
    at: iso(row.at),
    lastAt: iso(row.last_at),
    count: row.count,
  };
}

export function printerSettings(row: DeviceRow): PrinterSettings | null {
  if (row.kind !== 'kiosk') return null;
  return { uri: row.printer_uri, paper: row.printer_paper, mode: row.printer_mode };
}

export function deviceRow(store: Store, id: string): DeviceRow | undefined {
  return store.data.devices.activeById(id);
}

export function openAlerts(store: Store, deviceId: string): DeviceAlert[] {
  return store.data.devices.openAlerts(deviceId).map(alertFromRow);
}

export function deviceInfo(store: Store, row: DeviceRow): DeviceInfo {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    counterId: row.counter_id,
    zone: row.zone,
    lastSeenAt: row.last_seen_at === null ? null : iso(row.last_seen_at),
    printer: printerSettings(row),
    alerts: openAlerts(store, row.id),
  };
}

export function listDevices(store: Store): DeviceInfo[] {
  return store.data.devices.listActive().map((row) => deviceInfo(store, row));
}

export function setPrinter(
  store: Store,
  id: string,
  printer: { uri: string | null; paper?: 58 | 80 | undefined; mode?: PrinterSettings['mode'] | undefined },
  now: number,
): void {
  store.tx(() => {
    const before = deviceRow(store, id)!;
    store.data.devices.setPrinter(id, {
      uri: printer.uri,
      paper: printer.paper ?? before.printer_paper,
      mode: printer.mode ?? before.printer_mode,
    });
    // Another printer: what was wrong with the old one no longer applies.
    if (before.printer_uri !== printer.uri) clearAlerts(store, id, 'printer', now);
  });
}

/** Records an alert; while one of the same device, kind and code is open, it is counted instead. */
export function raiseAlert(
  store: Store,
  alert: { deviceId: string; kind: string; code: string; message: string },
  now: number,
): void {
  store.tx(() => {
    if (store.data.devices.countOpenAlert(alert, alert.message, now) === 0) {
      store.data.devices.insertAlert(alert, alert.message, now);
    }
  });
}

/** Clears the device's open alerts of this kind; returns how many were open. */
export function clearAlerts(store: Store, deviceId: string, kind: string, now: number): number {
  return store.data.devices.clearAlerts(deviceId, kind, now);
}
