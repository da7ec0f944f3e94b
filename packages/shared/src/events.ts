// Realtime (socket.io) contract: event names, payloads and typed event maps.
import { z } from 'zod';
import type { CatalogChangedEvent } from './admin.ts';
import { Counter, type QueueSnapshot, Ticket } from './schemas.ts';

export const EVENTS = {
  ticketCalled: 'ticket:called',
  queueChanged: 'queue:changed',
  /** An admin changed fields, counters, the centre, users or devices (schema in admin.ts). */
  catalogChanged: 'catalog:changed',
  queueSnapshot: 'queue:snapshot',
  command: 'command',
} as const;

export const TicketCalledEvent = z.object({
  seq: z.number().int(),
  at: z.string(),
  recall: z.boolean(),
  ticket: z.object({ id: z.string(), displayNumber: z.string(), serviceId: z.string() }),
  counter: z.object({ id: z.string(), number: z.number().int(), name: z.string() }),
});
export type TicketCalledEvent = z.infer<typeof TicketCalledEvent>;

/**
 * One committed change. `fromSeq..seq` are the log rows it covers; a client whose last
 * seen seq is not `fromSeq - 1` has missed something and asks for a snapshot.
 */
export const QueueChangedEvent = z.object({
  seq: z.number().int(),
  fromSeq: z.number().int(),
  at: z.string(),
  reason: z.string(),
  tickets: z.array(Ticket),
  counters: z.array(Counter),
});
export type QueueChangedEvent = z.infer<typeof QueueChangedEvent>;

/** A command sent over the socket: same names and bodies as the REST commands. */
export const SocketCommand = z.strictObject({
  name: z.string().min(1).max(64),
  params: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  idempotencyKey: z.string().optional(),
});
export type SocketCommand = z.infer<typeof SocketCommand>;

export type Ack<T> = (
  reply: { ok: true; data: T } | { ok: false; error: { code: string; message: string } },
) => void;

export interface ServerToClientEvents {
  'ticket:called': (event: TicketCalledEvent) => void;
  'queue:changed': (event: QueueChangedEvent) => void;
  'catalog:changed': (event: CatalogChangedEvent) => void;
}

export interface ClientToServerEvents {
  'queue:snapshot': (ack: (snapshot: QueueSnapshot) => void) => void;
  command: (command: SocketCommand, ack: Ack<unknown>) => void;
}
