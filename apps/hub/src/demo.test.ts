import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cityEntry, simulatorEntry } from './demo.ts';

describe('demo', () => {
  it('finds the day simulator through the entry @luot/sim declares, without starting itself', () => {
    const entry = simulatorEntry();
    expect(existsSync(entry)).toBe(true);
    const sim = join(import.meta.dirname, '..', '..', '..', 'sim');
    const pkg = JSON.parse(readFileSync(join(sim, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('@luot/sim');
    expect(entry).toBe(join(sim, pkg.exports['./cli']));
  });

  it('finds the city server through the entry @luot/city declares', () => {
    const entry = cityEntry();
    const city = join(import.meta.dirname, '..', '..', 'city');
    const pkg = JSON.parse(readFileSync(join(city, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('@luot/city');
    expect(entry).toBe(join(city, pkg.exports['./main']));
    expect(existsSync(entry)).toBe(true);
  });
});
