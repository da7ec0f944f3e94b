// Serial devices on the counter RS-485 bus: protocol, self-healing link, drivers, emulators.
export * from './cli-emulate.ts';
export * from './devices.ts';
export * from './emulators.ts';
export * from './port.ts';
export * from './protocol.ts';
export * from './pty.ts';
