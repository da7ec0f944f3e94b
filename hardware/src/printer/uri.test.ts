import { describe, expect, it } from 'vitest';
import { BadPrinterUri, formatPrinterUri, parsePrinterUri } from './uri.ts';

describe('printer URIs', () => {
  it.each([
    ['tcp://192.168.1.50:9100', { kind: 'tcp', host: '192.168.1.50', port: 9100 }],
    ['tcp://printer.local', { kind: 'tcp', host: 'printer.local', port: 9100 }],
    ['tcp://[::1]:9101', { kind: 'tcp', host: '::1', port: 9101 }],
    ['serial:/dev/ttyUSB0?baud=9600', { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 9600 }],
    ['serial:/dev/ttyS1', { kind: 'serial', path: '/dev/ttyS1', baudRate: 9600 }],
    ['file:/dev/usb/lp0', { kind: 'file', path: '/dev/usb/lp0' }],
  ])('reads %s', (text, expected) => {
    expect(parsePrinterUri(text)).toEqual(expected);
    expect(parsePrinterUri(formatPrinterUri(parsePrinterUri(text)))).toEqual(expected);
  });

  it.each([
    ['http://printer:9100', /expected tcp:\/\/HOST:PORT/],
    ['tcp://printer:0', /port must be 1..65535/],
    ['tcp://printer:99999', /port must be 1..65535/],
    ['serial:/dev/ttyUSB0?baud=1234', /baud must be a standard rate/],
    ['serial:/dev/ttyUSB0?parity=odd', /unknown option parity/],
    ['file:relative/path', /expected/],
    ['', /expected/],
  ])('refuses %s with a clear message', (text, message) => {
    expect(() => parsePrinterUri(text)).toThrow(BadPrinterUri);
    expect(() => parsePrinterUri(text)).toThrow(message);
  });
});
