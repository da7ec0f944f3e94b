// The simulator as a library: the demo and the tests run it in-process.
export type { DayCounts } from './day.ts';
export { parseOptions, UsageError, yesterday } from './options.ts';
export { type CentreModel, expectedArrivals, planDay, windowsOf } from './plan.ts';
export { loadTraffic } from './profile.ts';
export { SetupError } from './setup.ts';
export { type DayResult, dayRange, type SimulateOptions, type SimulateResult, simulate } from './simulate.ts';
