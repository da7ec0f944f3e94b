export {
  buildTicketJob,
  ESC_INIT,
  qrCellSize,
  qrPayload,
  TEXT_COLUMNS,
  type TicketJob,
  type TicketJobOptions,
} from './job.ts';
export { bandRanges, DEFAULT_BAND_HEIGHT, getDot, monoToRgba, packRgba, rasterCommand } from './raster.ts';
export {
  cp1258Has,
  decodeCp1258,
  encodeCp1258,
  SELECT_CP1258,
  SELECT_PC437,
  textColumns,
  toAscii,
  toCp1258Form,
} from './text-mode.ts';
