// Answers that are files to download (reports): declared so the contract says what they are.
import { z } from 'zod';

/** The content types of report exports: an Excel workbook, or CSV. */
export const REPORT_FILE_TYPES = [
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/csv; charset=utf-8',
] as const;

/** A file answer (Content-Disposition: attachment); its bytes are not JSON. */
export const FileDownload = z.unknown().describe('a file to download');
