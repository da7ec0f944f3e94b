export * from './domain.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './numbering.ts';
export * from './opening-hours.ts';
export * from './schemas.ts';
export * from './service-day.ts';
