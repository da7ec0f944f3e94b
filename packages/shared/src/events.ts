// Realtime (socket.io) contract: event names, payloads and typed event maps.
import { z } from 'zod';
import type { CatalogChangedEvent } from './admin.ts';
import {
  Counter,
  PublicCounter,
  type PublicQueueSnapshot,
  PublicTicket,
  type QueueSnapshot,
  Ticket,
} from './schemas.ts';

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

/**
 * `queue:changed` as devices (kiosk, display, counter devices) get it: tickets and counters'
 * current tickets in their public view (no note, officerId, procedureIds or rating). Staff
 * sockets get QueueChangedEvent.
 */
export const PublicQueueChangedEvent = QueueChangedEvent.extend({
  tickets: z.array(PublicTicket),
  counters: z.array(PublicCounter),
});
export type PublicQueueChangedEvent = z.infer<typeof PublicQueueChangedEvent>;

/** The `reason` of the change a finish makes (POST /api/v1/tickets/:id/finish). */
export const FINISH_REASON = 'finish';

/**
 * The ticket of this counter that this change finished, or null: what a rating device offers
 * to rate. Keyed on the change (not on `rating`, which devices never see), so a ticket's later
 * changes — its rating, from the pad, the tablet or its status page — never offer it again.
 */
export function finishedByChange(
  change: { reason: string; tickets: readonly PublicTicket[] },
  counterId: string,
): PublicTicket | null {
  if (change.reason !== FINISH_REASON) return null;
  return change.tickets.find((t) => t.status === 'done' && t.counterId === counterId) ?? null;
}

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
  'queue:changed': (event: QueueChangedEvent | PublicQueueChangedEvent) => void;
  'catalog:changed': (event: CatalogChangedEvent) => void;
}

export interface ClientToServerEvents {
  'queue:snapshot': (ack: (snapshot: QueueSnapshot | PublicQueueSnapshot | SnapshotRefused) => void) => void;
  command: (command: SocketCommand, ack: Ack<unknown>) => void;
}

/** The answer to a `queue:snapshot` asked too often: ask again after `retryAfterSeconds`. */
export const SnapshotRefused = z.object({
  error: z.object({
    code: z.literal('too_many_attempts'),
    message: z.string(),
    retryAfterSeconds: z.number().int().positive().optional(),
  }),
});
export type SnapshotRefused = z.infer<typeof SnapshotRefused>;
