// A catalogue sent as an XLSX workbook, read into the JSON the import command takes. Not built yet.
import type { FastifyInstance } from 'fastify';

export function registerCatalogueParsers(_app: FastifyInstance): void {}
