// Time-driven behaviour of a screen that stays on all day: night dimming by schedule and a small
// periodic shift of the whole picture against burn-in. Pure functions of the time, so they are
// tested without waiting.
import { zonedParts } from '@luot/ui';
import type { DimSchedule } from './settings.ts';

/** Minutes after local midnight in the centre's time zone. */
export function minuteOfDay(at: number, timeZone: string): number {
  const p = zonedParts(new Date(at), timeZone);
  return p.hour * 60 + p.minute;
}

/** Whether `at` falls in the dimming window (start included, end excluded; may cross midnight). */
export function isDimmed(schedule: DimSchedule | null, at: number, timeZone: string): boolean {
  if (!schedule) return false;
  const m = minuteOfDay(at, timeZone);
  const { start, end } = schedule;
  return start < end ? m >= start && m < end : m >= start || m < end;
}

/** Milliseconds until the next whole minute (the dimming window starts and ends on minutes). */
export const msToNextMinute = (at: number): number => 60_000 - (at % 60_000);

export interface BurnInOptions {
  /** How long the picture stays at one position. */
  periodMs: number;
  /** The largest offset from the centre, in CSS pixels. */
  amplitudePx: number;
}

export const BURN_IN: BurnInOptions = { periodMs: 3 * 60_000, amplitudePx: 4 };

/**
 * Nine positions around the centre, visited in a fixed order: each edge of a glyph spends equal
 * time on either side of its mean, and neighbouring steps are never more than one unit apart.
 */
const PATH: readonly (readonly [number, number])[] = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [-1, 1],
  [-1, 0],
  [-1, -1],
  [0, -1],
  [1, -1],
];

/** The picture's offset at `at` (epoch ms): the same for every screen at the same moment. */
export function burnInOffset(at: number, options: BurnInOptions = BURN_IN): { x: number; y: number } {
  const step = Math.floor(at / options.periodMs);
  const [x, y] = PATH[((step % PATH.length) + PATH.length) % PATH.length]!;
  return { x: x * options.amplitudePx, y: y * options.amplitudePx };
}

/** Milliseconds until the offset next changes. */
export function msToNextShift(at: number, options: BurnInOptions = BURN_IN): number {
  return options.periodMs - (((at % options.periodMs) + options.periodMs) % options.periodMs);
}
