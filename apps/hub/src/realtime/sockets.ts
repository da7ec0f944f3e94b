// socket.io: token required, one room per audience, committed changes fanned out, commands via acks.
import type { Server as HttpServer } from 'node:http';
import type { ClientToServerEvents, ServerToClientEvents } from '@luot/shared';
import { describeZodError, EVENTS, LuotError, SocketCommand } from '@luot/shared';
import { Server, type Socket } from 'socket.io';
import type { Principal } from '../auth/auth.ts';
import { COMMANDS, type Command } from '../handlers/index.ts';
import { runCommand } from '../handlers/run.ts';
import type { Hub } from '../hub.ts';

interface SocketData {
  token: string;
  principal: Principal;
}

type LuotSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * The rooms the hub emits to: `all` (calls and catalogue changes) and the two audiences of
 * `queue:changed`: `staff` (users) get tickets whole, `devices` their public view
 * (ticket-views.ts). Nothing is sent per role, counter, zone or kind of device: each client
 * picks what it shows from the same stream.
 */
const ALL_ROOM = 'all';
const STAFF_ROOM = 'staff';
const DEVICES_ROOM = 'devices';

function roomsOf(principal: Principal): string[] {
  return [ALL_ROOM, principal.kind === 'user' ? STAFF_ROOM : DEVICES_ROOM];
}

const lastFunction = (args: unknown[]) =>
  [...args].reverse().find((a): a is (...x: unknown[]) => void => typeof a === 'function');

export function attachRealtime(hub: Hub, server: HttpServer): Server {
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(
    server,
    {
      serveClient: false,
      maxHttpBufferSize: 64 * 1024,
      // Wall displays on weak TV boxes: tolerate slow heartbeats.
      pingTimeout: 20_000,
    },
  );

  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const principal = typeof token === 'string' ? hub.auth.authenticate(token, hub.now()) : null;
    if (!principal) return next(new Error('unauthorized: a valid token is required in auth.token'));
    socket.data.token = token as string;
    socket.data.principal = principal;
    next();
  });

  io.on('connection', (socket: LuotSocket) => {
    socket.join(roomsOf(socket.data.principal));
    trackDevice(hub, socket);
    closeAtExpiry(hub, socket);

    socket.on(EVENTS.queueSnapshot, (...args: unknown[]) => {
      const ack = lastFunction(args);
      if (!ack) return;
      try {
        hub.snapshotGate.admit({
          tokenHash: socket.data.principal.tokenHash,
          socketId: socket.id,
          unsentPackets: unsentPackets(socket),
        });
      } catch (error) {
        if (!(error instanceof LuotError)) throw error;
        return ack({
          error: { code: error.code, message: error.message, retryAfterSeconds: error.retryAfterSeconds },
        });
      }
      // Devices get the public view: no notes, officerId, procedureIds or ratings.
      ack(hub.snapshotFor(socket.data.principal));
    });

    socket.on(EVENTS.command, async (...args: unknown[]) => {
      const ack = lastFunction(args);
      if (!ack) return;
      try {
        const parsed = SocketCommand.safeParse(args[0]);
        if (!parsed.success) throw new LuotError('validation_failed', describeZodError(parsed.error));
        const { name, params, body, idempotencyKey } = parsed.data;
        const command = (COMMANDS as Record<string, Command>)[name];
        if (!command || !Object.hasOwn(COMMANDS, name))
          throw new LuotError('not_found', `name: no command ${name}`);
        const data = await runCommand(hub, command, {
          token: socket.data.token,
          params: params ?? {},
          body,
          query: {},
          idempotencyKey,
          client: socket.handshake.address,
        });
        ack({ ok: true, data });
      } catch (error) {
        if (error instanceof LuotError)
          ack({ ok: false, error: { code: error.code, message: error.message } });
        else {
          hub.log.error({ err: error }, 'socket command failed');
          ack({
            ok: false,
            error: { code: 'internal', message: 'the hub could not do this; it has been logged' },
          });
        }
      }
    });
  });

  hub.subscribe(({ queueChanged, publicQueueChanged, calls }) => {
    for (const call of calls) io.to(ALL_ROOM).emit(EVENTS.ticketCalled, call);
    // Tickets whole to staff, their public view to devices (API.md): one variant per audience.
    io.to(STAFF_ROOM).emit(EVENTS.queueChanged, queueChanged);
    io.to(DEVICES_ROOM).emit(EVENTS.queueChanged, publicQueueChanged);
  });

  hub.onCatalogChanged((event) => {
    io.to(ALL_ROOM).emit(EVENTS.catalogChanged, event);
  });

  hub.onRevoked((tokenHash) => {
    for (const socket of io.of('/').sockets.values()) {
      if (socket.data.principal.tokenHash === tokenHash) socket.disconnect(true);
    }
  });

  return io;
}

/**
 * Packets engine.io still holds for this socket because the client is not reading; its
 * `writeBuffer` is public in engine.io's JavaScript but private in its typings.
 */
const unsentPackets = (socket: LuotSocket): number =>
  (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;

/** Longest wait between two checks of a socket's token (timers cannot wait a year). */
const MAX_EXPIRY_CHECK_MS = 6 * 3600_000;

/**
 * A socket lives as long as its token: at the token's end it is checked again (it may have
 * been extended by use since) and closed when it is no longer valid.
 */
function closeAtExpiry(hub: Hub, socket: LuotSocket): void {
  let timer: NodeJS.Timeout | null = null;
  const schedule = (expiresAt: number) => {
    const wait = Math.min(MAX_EXPIRY_CHECK_MS, Math.max(0, expiresAt - hub.now()) + 50);
    timer = setTimeout(check, wait);
    timer.unref();
  };
  const check = () => {
    timer = null;
    if (!socket.connected || !hub.db.open) return;
    const principal = hub.auth.authenticate(socket.data.token, hub.now());
    if (!principal) {
      hub.log.info({ socketId: socket.id }, 'socket closed: its token expired');
      socket.disconnect(true);
      return;
    }
    socket.data.principal = principal;
    schedule(principal.expiresAt);
  };
  schedule(socket.data.principal.expiresAt);
  socket.on('disconnect', () => {
    if (timer) clearTimeout(timer);
  });
}

/**
 * A device with a live socket counts as seen (the overview's device_silent alert); when its
 * last socket closes, that moment is its last sight.
 */
function trackDevice(hub: Hub, socket: LuotSocket): void {
  const principal = socket.data.principal;
  if (principal.kind !== 'device') return;
  const id = principal.device.id;
  hub.connectedDevices.set(id, (hub.connectedDevices.get(id) ?? 0) + 1);
  socket.on('disconnect', () => {
    const left = (hub.connectedDevices.get(id) ?? 1) - 1;
    if (left > 0) hub.connectedDevices.set(id, left);
    else hub.connectedDevices.delete(id);
    try {
      if (hub.db.open) hub.store.data.devices.setLastSeen(id, hub.now());
    } catch (error) {
      hub.log.warn({ err: error, deviceId: id }, 'could not record when a device left');
    }
  });
}
