// The committed clips (made by scripts/gen-voice.ts; CI does not run espeak-ng) match the catalogue.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { clipIdsFor, VOICE_FOLDERS } from '@luot/shared';
import { describe, expect, it } from 'vitest';
import { CHIME_FILE } from './backends.ts';

const VOICE_DIR = new URL('../../../public/voice/', import.meta.url);

interface Manifest {
  generatedBy: string;
  voices: Record<string, string>;
  clips: Record<string, Record<string, { file: string; ms: number }>>;
  chime: { file: string; ms: number };
}
const manifest = JSON.parse(readFileSync(new URL('manifest.json', VOICE_DIR), 'utf8')) as Manifest;

describe('bundled voice clips', () => {
  for (const folder of VOICE_FOLDERS) {
    it(`has a file of sane length for every ${folder} clip, and nothing else`, () => {
      const listed = manifest.clips[folder] ?? {};
      const problems: string[] = [];
      for (const id of clipIdsFor(folder)) {
        const clip = listed[id];
        if (!clip) {
          problems.push(`${id}: not in manifest.json`);
          continue;
        }
        if (clip.file !== `${folder}/${id}.ogg`) problems.push(`${id}: file ${clip.file}`);
        if (!existsSync(new URL(clip.file, VOICE_DIR))) problems.push(`${id}: ${clip.file} missing`);
        if (!(clip.ms >= 150 && clip.ms <= 3000)) problems.push(`${id}: ${clip.ms} ms`);
      }
      expect(problems).toEqual([]);
      expect(Object.keys(listed).sort()).toEqual([...clipIdsFor(folder)].sort());
    });
  }

  it('has a chime of about a second', () => {
    expect(manifest.chime.file).toBe(CHIME_FILE);
    expect(existsSync(new URL(CHIME_FILE, VOICE_DIR))).toBe(true);
    expect(manifest.chime.ms).toBeGreaterThanOrEqual(800);
    expect(manifest.chime.ms).toBeLessThanOrEqual(2000);
  });

  it('stays small (under 2 MB in all)', () => {
    const files = [
      CHIME_FILE,
      ...Object.values(manifest.clips).flatMap((c) => Object.values(c).map((v) => v.file)),
    ];
    const bytes = files.reduce((sum, file) => sum + statSync(new URL(file, VOICE_DIR)).size, 0);
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
  });
});
