import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DisplayConfigError, displayPageUrl, loadDisplayConfig, parseDisplayConfig } from './config.ts';

describe('display.json', () => {
  it('needs the hub; the rest has defaults', () => {
    expect(parseDisplayConfig('{"hubUrl": "http://192.168.1.10:8080/"}')).toEqual({
      hubUrl: 'http://192.168.1.10:8080',
      query: '',
      fullscreen: true,
      preventSleep: true,
    });
  });

  it('takes the page settings as a query', () => {
    const config = parseDisplayConfig(
      '{"hubUrl": "http://hub:8080", "query": "?layout=counter&counter=3", "fullscreen": false, "preventSleep": false}',
    );
    expect(config).toMatchObject({
      query: '?layout=counter&counter=3',
      fullscreen: false,
      preventSleep: false,
    });
    expect(displayPageUrl(config)).toBe('http://hub:8080/display/?layout=counter&counter=3');
    expect(displayPageUrl({ hubUrl: 'http://hub:8080', query: '' })).toBe('http://hub:8080/display/');
  });

  it.each([
    ['not json', /not valid JSON/],
    ['{}', /hubUrl/],
    ['{"hubUrl": "ftp://hub"}', /http/],
    ['{"hubUrl": "http://hub", "query": "layout=counter"}', /query/],
    ['{"hubUrl": "http://hub", "query": "?a=1#x"}', /query/],
    ['{"hubUrl": "http://hub", "extra": 1}', /extra|Unrecognized/i],
  ])('refuses %s with a clear message', (text, message) => {
    expect(() => parseDisplayConfig(text)).toThrow(DisplayConfigError);
    expect(() => parseDisplayConfig(text)).toThrow(message);
  });

  it('says how to create a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'luot-display-config-'));
    try {
      expect(() => loadDisplayConfig(join(dir, 'display.json'))).toThrow(/create it with/);
      writeFileSync(join(dir, 'display.json'), '{"hubUrl": "http://hub:8080"}');
      expect(loadDisplayConfig(join(dir, 'display.json')).hubUrl).toBe('http://hub:8080');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
