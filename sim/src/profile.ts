// What the simulated centre looks like: traffic from catalog-commune.json, behaviour shares.
import { readFileSync } from 'node:fs';
import { CATALOG_FILE } from '@luot/hub';
import { OpeningHours, PRIORITIES, type Priority } from '@luot/shared';
import { z } from 'zod';

const CatalogTraffic = z.object({
  centre: z.object({ openingHours: OpeningHours }),
  fields: z.array(
    z.object({
      code: z.string(),
      meanServiceMinutes: z.number().positive(),
      shareOfArrivals: z.number().min(0),
    }),
  ),
  priorityCategories: z.array(z.object({ code: z.enum(PRIORITIES) })),
  arrivalsPerDay: z.object({ weekday: z.number().min(0), saturday: z.number().min(0) }),
  arrivalProfileByHour: z.record(z.string().regex(/^\d{1,2}$/), z.number().min(0)),
});
export type CatalogTraffic = z.infer<typeof CatalogTraffic>;

/** The traffic figures of the catalogue the demo centre is seeded from. */
export function loadTraffic(file = CATALOG_FILE): CatalogTraffic {
  return CatalogTraffic.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/**
 * Shares the catalogue does not carry (its priority list names the categories, not how often
 * they come). Planning guesses for a ward centre, documented in docs/simulator.md.
 */
export const BEHAVIOUR = {
  /** Monday is the busiest day, Friday the quietest; the weekday mean stays 1. */
  weekdayFactor: [0, 1.15, 1.05, 1, 0.95, 0.85, 1] as const,
  /** Share of tickets with each priority category, unless the field overrides it. */
  priority: { elderly: 0.035, child: 0.012, pregnant: 0.006, disabled: 0.004, merit: 0.003 } as Record<
    Priority,
    number
  >,
  priorityByField: {
    NGUOICOCONG: { merit: 0.3, elderly: 0.12, disabled: 0.03 },
    BAOTRO: { elderly: 0.12, disabled: 0.06, child: 0.02 },
  } as Record<string, Partial<Record<Priority, number>>>,
  /** Booked online: issued with channel `online`, called by a specific call. */
  onlineShare: 0.04,
  /** Picked a procedure at the kiosk (the procedure search), not only a field. */
  procedureAtKioskShare: 0.4,
  /** Had a second procedure of the field handled in the same visit. */
  secondProcedureShare: 0.12,
  /** Sent on to another field after the first one (kept issue time). */
  transferShare: 0.03,
  /** Did not hear the first call (outside, on the phone): comes after a recall … */
  absentShare: 0.06,
  /** … or not even then (no-show), */
  missedShare: 0.5,
  /** and of those, came back within the grace period and was reinstated. */
  returnShare: 0.4,
  /** Patience: most leave after a long wait (log-normal, minutes); the rest wait all day. */
  patienceMeanMinutes: 75,
  patienceCv: 0.5,
  waitsAllDayShare: 0.45,
  /** Of those who leave, the share who tell staff (their ticket is cancelled). */
  cancelShareOfLeavers: 0.35,
  /** Rated on the tablet after being served. */
  ratingShare: 0.72,
  /** Officer pressed "start" when the citizen sat down (otherwise finish from called). */
  startShare: 0.8,
  serviceCv: 0.6,
  /** A short break per half day (pause), and sometimes a meeting. */
  breakShare: 0.35,
  meetingShare: 0.04,
  /** Officers keep serving past closing time while people wait, up to this many minutes. */
  lunchOverrunMinutes: 30,
  eveningOverrunMinutes: 45,
} as const;

/** Realistic next fields when an officer sends a citizen on; otherwise by share of arrivals. */
export const TRANSFER_TARGETS: Record<string, string[]> = {
  HOTICH: ['CHUNGTHUC', 'CUTRU'],
  CHUNGTHUC: ['HOTICH'],
  DATDAI: ['XAYDUNG', 'CHUNGTHUC'],
  XAYDUNG: ['DATDAI'],
  KINHDOANH: ['CHUNGTHUC'],
  BAOTRO: ['NGUOICOCONG', 'HOTICH'],
  NGUOICOCONG: ['BAOTRO'],
  CUTRU: ['HOTICH'],
  TRAKETQUA: ['CHUNGTHUC'],
};

/** Rating 1..4 from a uniform draw: long waits make people less pleased. */
export function ratingFor(draw: number, waitMinutes: number): 1 | 2 | 3 | 4 {
  const shares =
    waitMinutes > 45
      ? [0.08, 0.17, 0.4, 0.35]
      : waitMinutes > 20
        ? [0.04, 0.1, 0.38, 0.48]
        : [0.02, 0.05, 0.3, 0.63];
  let x = draw;
  for (let score = 1; score <= 4; score++) {
    x -= shares[score - 1]!;
    if (x < 0) return score as 1 | 2 | 3 | 4;
  }
  return 4;
}
