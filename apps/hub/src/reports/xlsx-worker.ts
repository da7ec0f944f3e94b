// The export worker thread: writes report workbooks with exceljs (xlsx-book.ts) on request, so
// exceljs and its working memory live here and go away with the thread (xlsx-worker-client.ts).
import { parentPort } from 'node:worker_threads';
import { xlsxBook } from './xlsx-book.ts';
import type { XlsxReply, XlsxRequest } from './xlsx-worker-client.ts';

const port = parentPort;
if (!port) throw new Error('xlsx-worker.ts runs as a worker thread (see xlsx-worker-client.ts)');

port.on('message', async ({ id, job }: XlsxRequest) => {
  let reply: XlsxReply;
  try {
    const bytes = await xlsxBook(job.report, job.centreName, new Date(job.at));
    reply = { id, ok: true, bytes };
    port.postMessage(reply, [bytes.buffer as ArrayBuffer]);
  } catch (error) {
    reply = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
    port.postMessage(reply);
  }
});
