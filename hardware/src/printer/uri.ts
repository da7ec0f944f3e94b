// Printer addresses: tcp://HOST:PORT, serial:/dev/ttyUSB0?baud=9600, file:/dev/usb/lp0.

export type PrinterUri =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'serial'; path: string; baudRate: number }
  | { kind: 'file'; path: string };

export class BadPrinterUri extends Error {
  override name = 'BadPrinterUri';
}

export function parsePrinterUri(text: string): PrinterUri {
  const tcp = /^tcp:\/\/(\[[^\]]+\]|[^:/?#\s]+)(?::(\d{1,5}))?\/?$/i.exec(text);
  if (tcp) {
    const port = tcp[2] === undefined ? 9100 : Number(tcp[2]);
    if (port < 1 || port > 65535) throw new BadPrinterUri(`${text}: port must be 1..65535`);
    return { kind: 'tcp', host: tcp[1]!.replace(/^\[|\]$/g, ''), port };
  }
  const serial = /^serial:([^?\s]+)(?:\?(.*))?$/i.exec(text);
  if (serial) {
    const params = new URLSearchParams(serial[2] ?? '');
    const unknown = [...params.keys()].filter((k) => k !== 'baud');
    if (unknown.length > 0) throw new BadPrinterUri(`${text}: unknown option ${unknown.join(', ')}`);
    const baudRate = Number(params.get('baud') ?? 9600);
    if (![1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200].includes(baudRate)) {
      throw new BadPrinterUri(`${text}: baud must be a standard rate (9600, 19200, 38400, 115200, …)`);
    }
    return { kind: 'serial', path: serial[1]!, baudRate };
  }
  const file = /^file:(\/[^\s]*)$/i.exec(text);
  if (file) return { kind: 'file', path: file[1]! };
  throw new BadPrinterUri(
    `${text}: expected tcp://HOST:PORT, serial:/dev/ttyUSB0?baud=9600 or file:/dev/usb/lp0`,
  );
}

export function formatPrinterUri(uri: PrinterUri): string {
  if (uri.kind === 'tcp') return `tcp://${uri.host.includes(':') ? `[${uri.host}]` : uri.host}:${uri.port}`;
  if (uri.kind === 'serial') return `serial:${uri.path}?baud=${uri.baudRate}`;
  return `file:${uri.path}`;
}
