// @luot/city: the city server, for the demo, the benchmark and tests.
export { type City, createCity, newEnrolmentCode } from './city.ts';
export { type CityConfig, loadCityConfig } from './config.ts';
export {
  type CityDatabase,
  openCityDatabase,
  openPglite,
  openPgliteMemory,
  openPostgres,
} from './db/database.ts';
export { REBUILD_DAY_FIGURES } from './db/day-figures.ts';
export { migrate } from './db/migrate.ts';
export { ticketRecords, UPSERT_TICKETS as upsertTicketsSql } from './db/reports.ts';
export { createLogger } from './log.ts';
export { type RunningCity, startCity } from './server.ts';
