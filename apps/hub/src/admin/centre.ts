// The centre's identity, contact, opening hours, notice and thresholds as the admin edits them.
import type { Centre, UpdateCentreRequest } from '@luot/shared';
import { isOpenAt, LuotError, OpeningHours } from '@luot/shared';
import type { CentreRow } from '../db/store.ts';
import type { Hub } from '../hub.ts';
import type { AdminCtx } from './change.ts';
import { parseSettingsJson, settingsFromJson, thresholdsOf } from './settings.ts';

/** The centre's stored opening hours, or null when they are not valid JSON of the right shape. */
function parseOpeningHours(raw: string): OpeningHours | null {
  try {
    const parsed = OpeningHours.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** GET /api/v1/centre (and the answer of PUT): identity, contact, hours, notice, thresholds. */
export function centreAnswer(hub: Hub): { centre: Centre } {
  const c = hub.store.centre();
  const openingHours = parseOpeningHours(c.opening_hours);
  if (!openingHours)
    hub.log.warn({ openingHours: c.opening_hours }, 'centre opening hours are invalid; ignored');
  const settings = settingsFromJson(c.settings);
  return {
    centre: {
      code: c.code,
      name: c.name,
      nameEn: c.name_en,
      timeZone: c.time_zone,
      address: c.address,
      hotline: c.hotline,
      openingHours: openingHours ?? [],
      openNow: isOpenAt(openingHours ?? [], hub.now(), c.time_zone),
      notice: settings.notice,
      thresholds: thresholdsOf(settings),
    },
  };
}

/** What the audit log keeps of the centre. */
function centreRecord(row: CentreRow) {
  const settings = settingsFromJson(row.settings);
  let openingHours: unknown = [];
  try {
    openingHours = JSON.parse(row.opening_hours);
  } catch {
    openingHours = row.opening_hours;
  }
  return {
    name: row.name,
    nameEn: row.name_en,
    address: row.address,
    hotline: row.hotline,
    openingHours,
    notice: settings.notice,
    thresholds: thresholdsOf(settings),
  };
}

export function updateCentre(a: AdminCtx, body: UpdateCentreRequest): void {
  const { store } = a;
  const row = store.st.centre.get();
  if (!row) throw new LuotError('not_found', 'the centre is not configured');
  const current = settingsFromJson(row.settings);
  const thresholds = { ...thresholdsOf(current), ...body.thresholds };
  if (thresholds.alertWaitMinutes < thresholds.targetWaitMinutes) {
    throw new LuotError(
      'validation_failed',
      `thresholds.alertWaitMinutes: must be at least targetWaitMinutes (${thresholds.targetWaitMinutes})`,
    );
  }
  // Keys of the settings JSON that this version does not know are kept as they are.
  const settings = {
    ...parseSettingsJson(row.settings),
    ...thresholds,
    notice: body.notice === undefined ? current.notice : body.notice,
  };
  store.data.adminCatalog.updateCentre({
    name: body.name ?? row.name,
    nameEn: body.nameEn ?? row.name_en,
    address: body.address ?? row.address,
    hotline: body.hotline ?? row.hotline,
    openingHours: body.openingHours === undefined ? row.opening_hours : JSON.stringify(body.openingHours),
    settings: JSON.stringify(settings),
  });
  a.audit('centre.updated', null, centreRecord(row), centreRecord(store.st.centre.get()!));
}
