// The hub's data layer by concern: typed functions over prepared statements, made once per database.
import { adminCatalogData } from './admin-catalog.ts';
import { adminPeopleData } from './admin-people.ts';
import { auditData } from './audit.ts';
import { catalogData } from './catalog.ts';
import { cityData } from './city.ts';
import { counterData } from './counters.ts';
import type { Db } from './database.ts';
import { dayData } from './day.ts';
import { dayStatsData } from './day-stats.ts';
import { deviceData } from './devices.ts';
import { eventData } from './events.ts';
import { idempotencyData } from './idempotency.ts';
import { loginTrustData } from './login-trust.ts';
import { overviewData } from './overview.ts';
import { pairingCodeData } from './pairing-codes.ts';
import { queueData } from './queue.ts';
import { reportDayData } from './report-days.ts';
import { reportFiguresData } from './report-figures.ts';
import { seedData } from './seed.ts';
import { ticketData } from './tickets.ts';
import { tokenData } from './tokens.ts';
import { userData } from './users.ts';

export function hubData(db: Db) {
  return {
    catalog: catalogData(db),
    users: userData(db),
    tickets: ticketData(db),
    counters: counterData(db),
    queue: queueData(db),
    events: eventData(db),
    day: dayData(db),
    idempotency: idempotencyData(db),
    tokens: tokenData(db),
    pairingCodes: pairingCodeData(db),
    devices: deviceData(db),
    loginTrust: loginTrustData(db),
    dayStats: dayStatsData(db),
    audit: auditData(db),
    adminCatalog: adminCatalogData(db),
    adminPeople: adminPeopleData(db),
    overview: overviewData(db),
    reportFigures: reportFiguresData(db),
    reportDays: reportDayData(db),
    seed: seedData(db),
    city: cityData(db),
  };
}

export type HubData = ReturnType<typeof hubData>;
