import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, effectiveOrientation, parseDimSchedule, parseSettings } from './settings.ts';

describe('parseSettings', () => {
  it('defaults: the hall screen, voice from clips in the southern dialect, numbers in words', () => {
    expect(parseSettings('')).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({
      layout: 'hall',
      voice: 'clips',
      dialect: 'south',
      numberMode: 'words',
      english: false,
      media: false,
      dim: null,
      shift: true,
    });
  });

  it('reads every documented setting', () => {
    const s = parseSettings(
      '?layout=counter&counter=3&orientation=portrait&media=1&mediaSeconds=7&dim=22:00-06:00&dimLevel=0.4' +
        '&recent=6&shift=0&voice=speech&dialect=north&digits=1&english=1&pair=ab12cd&hub=http://10.0.0.5:8080/x',
      // ?hub= is read only by a page opened from a file; served over http(s) it is ignored.
      'file:',
    );
    expect(s).toEqual({
      hubUrl: 'http://10.0.0.5:8080',
      layout: 'counter',
      counter: 3,
      orientation: 'portrait',
      media: true,
      mediaImageMs: 7000,
      dim: { start: 22 * 60, end: 6 * 60 },
      dimLevel: 0.4,
      recent: 6,
      shift: false,
      voice: 'speech',
      dialect: 'north',
      numberMode: 'digits',
      english: true,
      pairCode: 'ab12cd',
    });
  });

  it('ignores ?hub= on a page served over http(s): it talks to the hub that serves it', () => {
    for (const protocol of ['http:', 'https:'])
      expect(parseSettings('?hub=http://10.0.0.5:8080&layout=counter', protocol)).toMatchObject({
        hubUrl: '',
        layout: 'counter',
      });
  });

  it('a counter-top screen is silent unless its voice is asked for', () => {
    expect(parseSettings('?layout=counter&counter=2').voice).toBe('off');
    expect(parseSettings('?layout=counter&counter=2&voice=clips').voice).toBe('clips');
    expect(parseSettings('?voice=off').voice).toBe('off');
  });

  it('flags: 1/true/yes/on, a bare name, or 0/false/no/off', () => {
    for (const on of ['1', 'true', 'YES', 'on', '']) expect(parseSettings(`?media=${on}`).media).toBe(true);
    expect(parseSettings('?media').media).toBe(true);
    for (const off of ['0', 'false', 'no', 'off'])
      expect(parseSettings(`?english=${off}`).english).toBe(false);
    expect(parseSettings('?english=maybe').english).toBe(false);
  });

  it('falls back to the defaults for nonsense', () => {
    const s = parseSettings(
      '?layout=tv&counter=-1&orientation=upside&mediaSeconds=1&dim=25:00-06:00&dimLevel=2&recent=99' +
        '&voice=loud&dialect=central&hub=javascript:alert(1)&pair=' +
        'x'.repeat(40),
    );
    expect(s).toEqual({ ...DEFAULT_SETTINGS });
    expect(parseSettings('?counter=3.5').counter).toBeNull();
    expect(parseSettings('?counter=abc').counter).toBeNull();
  });
});

describe('parseDimSchedule', () => {
  it('reads HH:MM-HH:MM, across midnight too', () => {
    expect(parseDimSchedule('22:00-06:00')).toEqual({ start: 1320, end: 360 });
    expect(parseDimSchedule('12:00-13:30')).toEqual({ start: 720, end: 810 });
    expect(parseDimSchedule('7:05-8:00')).toEqual({ start: 425, end: 480 });
    expect(parseDimSchedule('00:00-24:00')).toEqual({ start: 0, end: 1440 });
    expect(parseDimSchedule('22:00–06:00')).toEqual({ start: 1320, end: 360 });
  });
  it('refuses anything else', () => {
    for (const bad of [
      null,
      '',
      '22:00',
      '22-06',
      '24:00-06:00',
      '10:60-11:00',
      '10:00-10:00',
      'a-b',
      '1:2:3-4',
    ])
      expect(parseDimSchedule(bad)).toBeNull();
  });
});

describe('effectiveOrientation', () => {
  it('follows the screen unless the setting forces it', () => {
    expect(effectiveOrientation('auto', 1920, 1080)).toBe('landscape');
    expect(effectiveOrientation('auto', 1080, 1920)).toBe('portrait');
    expect(effectiveOrientation('auto', 1000, 1000)).toBe('landscape');
    expect(effectiveOrientation('portrait', 1920, 1080)).toBe('portrait');
  });
});
