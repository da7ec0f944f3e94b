// hardware/: ticket printing (render, ESC/POS, transports, status), serial counter devices, emulators.
export * from './emulator/index.ts';
export * from './escpos/index.ts';
export * from './printer/index.ts';
export * from './serial/index.ts';
export * from './ticket/index.ts';
export * from './types.ts';
