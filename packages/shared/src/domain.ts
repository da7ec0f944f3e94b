// Domain vocabulary shared by the hub and every client: the closed sets of values.
import { z } from 'zod';

export const PRIORITIES = ['elderly', 'disabled', 'pregnant', 'child', 'merit'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

export const PRIORITY_NAMES: Record<Priority, { vi: string; en: string }> = {
  elderly: { vi: 'Người cao tuổi', en: 'Elderly person' },
  disabled: { vi: 'Người khuyết tật', en: 'Person with a disability' },
  pregnant: { vi: 'Phụ nữ mang thai', en: 'Pregnant woman' },
  child: { vi: 'Người đi cùng trẻ em dưới 6 tuổi', en: 'Person with a child under 6' },
  merit: { vi: 'Người có công với cách mạng', en: 'Person with meritorious services' },
};

export const CHANNELS = ['kiosk', 'counter', 'online', 'appointment'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const TICKET_STATUSES = [
  'waiting',
  'called',
  'serving',
  'done',
  'no_show',
  'cancelled',
  'expired',
] as const;
export const TicketStatus = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatus>;
/** Statuses a ticket never leaves (except no_show, which may be reinstated within grace). */
export const FINAL_STATUSES: readonly TicketStatus[] = ['done', 'no_show', 'cancelled', 'expired'];

export const ROLES = ['admin', 'director', 'officer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const DEVICE_KINDS = ['kiosk', 'counter', 'display'] as const;
export const DeviceKind = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof DeviceKind>;

export const COUNTER_STATES = ['closed', 'open', 'paused'] as const;
export const CounterState = z.enum(COUNTER_STATES);
export type CounterState = z.infer<typeof CounterState>;

/** `default`: transferred here, then priority, then oldest; `strict`: fields in the counter's order. */
export const CALL_POLICIES = ['default', 'strict'] as const;
export const CallPolicy = z.enum(CALL_POLICIES);
export type CallPolicy = z.infer<typeof CallPolicy>;

export const RATING_LABELS: Record<1 | 2 | 3 | 4, { vi: string; en: string }> = {
  4: { vi: 'Rất hài lòng', en: 'Very satisfied' },
  3: { vi: 'Hài lòng', en: 'Satisfied' },
  2: { vi: 'Bình thường', en: 'Neutral' },
  1: { vi: 'Không hài lòng', en: 'Not satisfied' },
};
