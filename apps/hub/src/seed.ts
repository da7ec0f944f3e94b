// First-start setup: the centre row, the admin user, and (LUOT_SEED=demo) the demo catalogue.

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Auth } from './auth/auth.ts';
import type { Store } from './db/store.ts';
import type { Logger } from './log.ts';

/** The demo centre's scrolling notice on the wall displays. */
const DEMO_NOTICE =
  'Trung tâm làm việc sáng 7:00–11:30, chiều 13:00–17:00 từ thứ Hai đến thứ Sáu, sáng thứ Bảy 7:30–11:30. ' +
  'Công dân vui lòng giữ phiếu và theo dõi số trên màn hình. Có thể nộp hồ sơ trực tuyến tại dichvucong.gov.vn.';

export const CATALOG_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'seed',
  'catalog-commune.json',
);

const Catalog = z.object({
  centre: z.object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    timeZone: z.string(),
    hotline: z.string().default(''),
    address: z.string().default(''),
    openingHours: z.array(z.object({ days: z.array(z.number()), open: z.string(), close: z.string() })),
  }),
  fields: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      prefix: z.string(),
      start: z.number().int(),
      icon: z.string(),
      meanServiceMinutes: z.number(),
      shareOfArrivals: z.number(),
      procedures: z.array(z.object({ code: z.string().nullable(), name: z.string(), nameEn: z.string() })),
    }),
  ),
  counters: z.array(z.object({ number: z.number().int(), name: z.string(), fields: z.array(z.string()) })),
  arrivalsPerDay: z.object({ weekday: z.number(), saturday: z.number() }),
  arrivalProfileByHour: z.record(z.string(), z.number()),
});
export type Catalog = z.infer<typeof Catalog>;

export function loadCatalog(file = CATALOG_FILE): Catalog {
  return Catalog.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export const serviceIdOf = (code: string) => code.toLowerCase();
export const counterIdOf = (number: number) => `c${number}`;

export function seedDemo(store: Store, catalog: Catalog): void {
  const c = catalog.centre;
  const seed = store.data.seed;
  store.tx(() => {
    seed.insertCentre({
      code: c.code,
      name: c.name,
      nameEn: c.nameEn,
      timeZone: c.timeZone,
      address: c.address,
      hotline: c.hotline,
      openingHours: JSON.stringify(c.openingHours),
      settings: JSON.stringify({ notice: DEMO_NOTICE }),
    });
    const starts = catalog.fields.map((f) => f.start).sort((a, b) => a - b);
    catalog.fields.forEach((f, i) => {
      // A field's range runs up to the next field's start (9001..9500 before 9501).
      const next = starts.find((s) => s > f.start);
      const end = next ? next - 1 : f.start + 998;
      seed.insertService({
        id: serviceIdOf(f.code),
        code: f.code,
        name: f.name,
        nameEn: f.nameEn,
        prefix: f.prefix,
        start: f.start,
        end,
        icon: f.icon,
        sortOrder: i,
        meanServiceSeconds: Math.round(f.meanServiceMinutes * 60),
      });
      f.procedures.forEach((p, j) => {
        seed.insertProcedure({
          id: `${serviceIdOf(f.code)}-${j + 1}`,
          serviceId: serviceIdOf(f.code),
          code: p.code,
          name: p.name,
          nameEn: p.nameEn,
          sortOrder: j,
        });
      });
    });
    for (const counter of catalog.counters) {
      seed.insertCounter(counterIdOf(counter.number), counter.number, counter.name);
      counter.fields.forEach((code, position) => {
        seed.insertCounterService(counterIdOf(counter.number), serviceIdOf(code), position);
      });
    }
  });
  store.invalidateCatalog();
}

/** Makes a fresh database usable: a centre row and an admin who can sign in. */
export async function firstStart(
  store: Store,
  auth: Auth,
  opts: { seed: 'demo' | null; adminPassword: string | null; now: number; log: Logger },
): Promise<void> {
  if (!store.data.seed.hasCentre()) {
    if (opts.seed === 'demo') {
      seedDemo(store, loadCatalog());
      opts.log.info({ seed: 'demo' }, 'seeded the demo centre from catalog-commune.json');
    } else {
      store.data.seed.insertDefaultCentre();
    }
  }
  if (!store.data.seed.hasAdmin()) {
    const password = opts.adminPassword ?? randomBytes(9).toString('base64url');
    await auth.createUser(
      { username: 'admin', password, displayName: 'Quản trị viên', role: 'admin' },
      opts.now,
    );
    if (opts.adminPassword) opts.log.info('created user admin with LUOT_ADMIN_PASSWORD');
    // Printed once, on first start only, so the technician can sign in.
    else
      opts.log.warn(
        { username: 'admin', password },
        'created user admin with a generated password; change it',
      );
  }
}
