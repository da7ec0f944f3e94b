import { describe, expect, it } from 'vitest';
import { DISPLAY_STRINGS, displayText } from './strings.ts';

describe('display strings', () => {
  it('have the same keys and placeholders in Vietnamese and English', () => {
    const { vi, en } = DISPLAY_STRINGS;
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    const holes = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      expect(holes(en[key]), key).toEqual(holes(vi[key]));
      expect(vi[key].trim(), key).not.toBe('');
    }
  });

  it('fill in their placeholders', () => {
    expect(displayText('vi', 'counterN', { n: 3 })).toBe('Quầy 3');
    expect(displayText('en', 'counterN', { n: 3 })).toBe('Counter 3');
  });
});
