// What the dashboard shows: every centre over a period with its shares, rank and live state; one
// centre's days, fields, procedure codes and hours. Figures by the one definition (figures.ts),
// the target wait from the city's settings.
import {
  type CentreReportResponse,
  type CityOverviewResponse,
  LuotError,
  type OverviewCentre,
  targetWaitMs,
} from '@luot/shared';
import type { City } from '../city.ts';
import { breakdownsData } from '../db/breakdowns.ts';
import { centresData } from '../db/centres.ts';
import { settingsData } from '../db/settings.ts';
import { statsData } from '../db/stats.ts';

/**
 * Ranks centres by share served within the target wait (higher first), then by average wait
 * (shorter first), then by code; a centre that called nobody in the period has no rank.
 */
export function rankCentres<T extends Omit<OverviewCentre, 'rank'>>(
  centres: readonly T[],
): (T & { rank: number | null })[] {
  const ranked = centres
    .filter((c) => c.withinTargetShare !== null)
    .sort(
      (a, b) =>
        b.withinTargetShare! - a.withinTargetShare! ||
        (a.avgWaitSeconds ?? 0) - (b.avgWaitSeconds ?? 0) ||
        a.code.localeCompare(b.code),
    );
  const rank = new Map(ranked.map((c, i) => [c.code, i + 1]));
  return centres.map((c) => ({ ...c, rank: rank.get(c.code) ?? null }));
}

export async function cityOverview(city: City, from: string, to: string): Promise<CityOverviewResponse> {
  const settings = await settingsData(city.db).get();
  const targetMs = targetWaitMs(settings.targetWaitMinutes);
  const stats = statsData(city.db);
  const [perCentre, total] = await Promise.all([
    stats.perCentre(from, to, null, targetMs),
    stats.total(from, to, null, targetMs),
  ]);
  const centres = rankCentres(
    perCentre.map((c) => ({
      code: c.code,
      name: c.name,
      enrolled: c.enrolled,
      lastReportAt: c.lastReportAt,
      live: c.live,
      ...c.figures,
    })),
  );
  return {
    from,
    to,
    targetWaitMinutes: settings.targetWaitMinutes,
    generatedAt: new Date(city.now()).toISOString(),
    centres,
    total,
  };
}

export async function centreReport(
  city: City,
  code: string,
  from: string,
  to: string,
): Promise<CentreReportResponse> {
  const centre = await centresData(city.db).byCode(code);
  if (!centre) throw new LuotError('not_found', `centre ${code} not found`);
  const settings = await settingsData(city.db).get();
  const targetMs = targetWaitMs(settings.targetWaitMinutes);
  const breakdowns = breakdownsData(city.db);
  const [total, days, fields, procedures, hours] = await Promise.all([
    statsData(city.db).total(from, to, code, targetMs),
    breakdowns.days(centre.id, from, to, targetMs),
    breakdowns.fields(centre.id, from, to, targetMs),
    breakdowns.procedures(centre.id, from, to, targetMs),
    breakdowns.hours(centre.id, from, to, targetMs),
  ]);
  return {
    centre: {
      code: centre.code,
      name: centre.name,
      enrolled: centre.public_key !== null,
      lastReportAt: centre.last_report_at === null ? null : new Date(centre.last_report_at).toISOString(),
      live: (centre.live as CentreReportResponse['centre']['live']) ?? null,
    },
    from,
    to,
    targetWaitMinutes: settings.targetWaitMinutes,
    total,
    days,
    fields,
    procedures,
    hours,
  };
}
