// Handlers of the hub's devices commands (contract: @luot/shared contract/devices.ts). Pairing devices and
// kiosk printers.
import { verifyPrinterUri } from '@luot/hardware/device';
import { BadPrinterUri } from '@luot/hardware/uri';
import { LuotError } from '@luot/shared';
import { writeAudit } from '../admin/audit.ts';
import {
  deviceInfo,
  deviceRow,
  listDevices,
  printerSettings,
  setPrinter,
} from '../printing/kiosk-devices.ts';
import { handlers } from './kit.ts';

export const DEVICE_HANDLERS = handlers({
  'devices:pairing-code': ({ hub, principal, body }) => {
    const userId = principal?.kind === 'user' ? principal.user.id : null;
    const now = hub.now();
    const { code, expiresAt } = hub.store.tx(() => {
      const created = hub.auth.createPairingCode(body, userId, now);
      const after = { ...body, expiresAt: new Date(created.expiresAt).toISOString() };
      writeAudit(
        hub.store,
        { userId, action: 'device.pairing_code', target: null, before: null, after },
        now,
      );
      return created;
    });
    return { code, expiresAt: new Date(expiresAt).toISOString() };
  },
  'devices:pair': ({ hub, body, client }) => {
    const keys = [`pair:${client}`];
    try {
      hub.pairLimiter.check(keys, hub.now());
    } catch (error) {
      hub.log.warn({ client, reason: 'locked' }, 'pairing refused');
      throw error;
    }
    const paired = hub.auth.pair(body.code, hub.now());
    if (!paired) {
      hub.pairLimiter.fail(keys, hub.now());
      hub.log.warn({ client, reason: 'bad_code' }, 'pairing refused');
      throw new LuotError('unauthorized', 'this pairing code is not valid, used or expired');
    }
    hub.log.info({ deviceId: paired.device.id, kind: paired.device.kind }, 'device paired');
    return paired;
  },
  'devices:list': ({ hub }) => ({
    devices: listDevices(hub.store),
    defaultPrinter: hub.config.defaultPrinter ?? null,
  }),
  'devices:set-printer': ({ hub, principal, params, body }) => {
    const device = deviceRow(hub.store, params.id);
    if (!device) throw new LuotError('not_found', `no device ${params.id}`);
    if (body.uri !== null) {
      try {
        // The syntax, and for file: a printer device under /dev on this machine (hardware.md).
        verifyPrinterUri(body.uri);
      } catch (error) {
        if (error instanceof BadPrinterUri) throw new LuotError('validation_failed', `uri: ${error.message}`);
        throw error;
      }
    }
    if (device.kind !== 'kiosk') {
      throw new LuotError('conflict', `${device.name} is a ${device.kind} device; only kiosks print`);
    }
    const now = hub.now();
    hub.store.tx(() => {
      setPrinter(hub.store, device.id, body, now);
      const after = printerSettings(deviceRow(hub.store, device.id)!);
      const userId = principal?.kind === 'user' ? principal.user.id : null;
      const record = {
        userId,
        action: 'device.printer',
        target: device.id,
        before: printerSettings(device),
        after,
      };
      writeAudit(hub.store, record, now);
    });
    hub.catalogChanged('devices');
    hub.log.info({ deviceId: device.id, printer: body.uri ?? 'default' }, 'kiosk printer set');
    return { device: deviceInfo(hub.store, deviceRow(hub.store, device.id)!) };
  },
});
