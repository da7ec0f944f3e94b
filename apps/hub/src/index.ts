// @luot/hub: what other packages (the simulator, the benchmark) may use of the hub.

export { CliError, runCli } from './cli.ts';
export { type HubConfig, loadConfig } from './config.ts';
export { DatabaseFromFutureError, openDatabase } from './db/database.ts';
export { createLogger, type Logger } from './log.ts';
export { CATALOG_FILE } from './seed.ts';
export { type RunningHub, startHub } from './server.ts';
