export * from './device.ts';
export * from './printer.ts';
export * from './status.ts';
export { type Connection, openConnection, PrinterError } from './transport.ts';
export * from './uri.ts';
