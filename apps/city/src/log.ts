// Structured logs (pino) to stdout; no personal data is logged.
import { pino } from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'luot-city' }, timestamp: pino.stdTimeFunctions.isoTime });
}
