import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CounterConfigError, deviceAddresses, loadCounterConfig, parseCounterConfig } from './config.ts';

const parse = (value: unknown) => parseCounterConfig(JSON.stringify(value));

describe('counter config', () => {
  it('accepts a minimal config: no devices, trailing slash removed', () => {
    expect(parse({ hubUrl: 'http://192.168.1.10:8080/', counterId: 'c1' })).toEqual({
      hubUrl: 'http://192.168.1.10:8080',
      counterId: 'c1',
      devices: null,
      fullscreen: false,
    });
  });

  it('fills device defaults (9600 baud, addresses = counter number)', () => {
    const c = parse({ hubUrl: 'http://hub:8080', counterId: 'c3', devices: { serialPath: '/dev/ttyUSB0' } });
    expect(c.devices).toEqual({ serialPath: '/dev/ttyUSB0', baudRate: 9600 });
    expect(deviceAddresses(c.devices!, 3)).toEqual({ sign: 3, keypad: 3, pad: 3 });
    const d = parse({
      hubUrl: 'http://hub:8080',
      counterId: 'c3',
      devices: { serialPath: 'COM3', baudRate: 19200, signAddress: 10, keypadAddress: 11, padAddress: 12 },
    });
    expect(deviceAddresses(d.devices!, 3)).toEqual({ sign: 10, keypad: 11, pad: 12 });
  });

  it('names every bad field', () => {
    const bad = () =>
      parse({
        hubUrl: 'ftp://hub',
        counterId: 'c 1',
        devices: { serialPath: '', baudRate: 1234, signAddress: 0, padAddress: 300, extra: 1 },
      });
    expect(bad).toThrow(CounterConfigError);
    try {
      bad();
    } catch (error) {
      const text = (error as Error).message;
      expect(text).toContain('hubUrl: http:// or https://');
      expect(text).toContain('counterId: a counter id such as "c1"');
      expect(text).toContain('devices.serialPath: required');
      expect(text).toContain('devices.baudRate: 9600, 19200');
      expect(text).toContain('devices.signAddress: a bus address 1..247');
      expect(text).toContain('devices.padAddress: a bus address 1..247');
      expect(text).toMatch(/devices: .*extra/);
    }
  });

  it('refuses missing fields and bad JSON clearly', () => {
    expect(() => parse({})).toThrow(/hubUrl: required[\s\S]*counterId: required/);
    expect(() => parseCounterConfig('{nope', 'counter.json')).toThrow('counter.json: not valid JSON');
  });

  it('loads a file, and says how to create a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'luot-counter-config-'));
    try {
      const file = join(dir, 'counter.json');
      expect(() => loadCounterConfig(file)).toThrow(/cannot be read; create it with/);
      writeFileSync(file, JSON.stringify({ hubUrl: 'https://hub.local', counterId: 'c2', devices: null }));
      expect(loadCounterConfig(file).counterId).toBe('c2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
