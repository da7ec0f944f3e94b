// Printer emulator: an ESC/POS network printer for tests, CI, demos and technicians.
export {
  applyEmulatorCommand,
  describeTicket,
  EMULATE_USAGE,
  type EmulateCliIo,
  parseEmulateArgs,
  runEmulateCli,
} from './cli-emulate.ts';
export {
  type Align,
  type BarcodeSymbol,
  type DecodedTicket,
  type DecoderOptions,
  decodeEscPos,
  decodeText,
  EscPosDecoder,
  type PrinterRequest,
  type QrSymbol,
  type RasterBand,
  stackRasters,
  type TextSize,
  type TicketJson,
  type TicketLine,
  ticketJson,
} from './escpos-decoder.ts';
export {
  type DiscardReason,
  type EmulatedTicket,
  faultsToStatus,
  PrinterEmulator,
  type PrinterEmulatorEvents,
  type PrinterEmulatorOptions,
  type PrinterFaults,
  startPrinterEmulator,
  statusReply,
} from './printer-server.ts';
export { type RenderOptions, renderTicketPng, renderWidth } from './render.ts';
