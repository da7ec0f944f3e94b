// Generates the bundled voice clips and chime with espeak-ng and SoX (docs/voice.md).
// Run from the repository root: node --import tsx apps/display/scripts/gen-voice.ts [--force]
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clipCatalog, clipText, VOICE_FOLDERS, type VoiceFolder } from '@luot/shared';

const OUT = fileURLToPath(new URL('../public/voice/', import.meta.url));
const VOICES: Record<VoiceFolder, string> = { south: 'vi-vn-x-south', north: 'vi', en: 'en' };
/** Words per minute: a little slower than espeak's 175 for a hall with echo. */
const SPEED: Record<VoiceFolder, string> = { south: '140', north: '140', en: '150' };
const RATE = '22050';
const QUALITY = '0';
/** Bumped when makeClip or makeChime changes, so what they made is made again. */
const CLIP_PIPELINE = 'v1';
const CHIME_PIPELINE = 'v3';

interface ClipFile {
  file: string;
  ms: number;
  /** Hash of what the clip was made from; an unchanged clip is not made again. */
  source: string;
}
interface Manifest {
  generatedBy: string;
  voices: Record<VoiceFolder, string>;
  clips: Record<VoiceFolder, Record<string, ClipFile>>;
  chime: ClipFile;
}

function fail(message: string): never {
  console.error(`gen-voice: ${message}`);
  process.exit(1);
}

function requireTool(command: string, args: string[], hint: string): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    fail(
      `${command} is missing or does not run (${result.error?.message ?? result.stderr}). Install it: ${hint}`,
    );
  }
  return (result.stdout || result.stderr).trim();
}

function run(command: string, args: string[]): void {
  execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function durationMs(file: string): number {
  const seconds = Number(execFileSync('sox', ['--i', '-D', file], { encoding: 'utf8' }).trim());
  return Math.round(seconds * 1000);
}

function hash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16);
}

function readPrevious(): Manifest | null {
  try {
    return JSON.parse(readFileSync(join(OUT, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

/** Speak, trim the silence at both ends, normalise, add a short tail, encode mono Vorbis. */
function makeClip(text: string, folder: VoiceFolder, target: string, work: string): void {
  const wav = join(work, 'clip.wav');
  run('espeak-ng', ['-v', VOICES[folder], '-s', SPEED[folder], '-w', wav, text]);
  const trimStart = ['silence', '1', '0.02', '0.5%'];
  run('sox', [
    ...[wav, '-r', RATE, '-c', '1', '-C', QUALITY, target],
    ...[...trimStart, 'reverse', ...trimStart, 'reverse', 'norm', '-1', 'pad', '0.01', '0.06'],
  ]);
}

/** A soft two-tone "ding-dong": E5 then C5, each a sine with a quiet octave and a bell-like decay. */
function makeChime(target: string, work: string): void {
  const tone = (name: string, freq: number, length: number, delay: number) => {
    const file = join(work, `${name}.wav`);
    run('sox', [
      ...['-n', '-r', RATE, '-c', '2', file],
      ...['synth', String(length), 'sine', String(freq), 'sine', String(freq * 2)],
      ...['remix', '1v0.8,2v0.12', 'fade', 'q', '0.02'],
      ...['fade', 't', '0', String(length), String(length - 0.05), 'pad', String(delay), '0'],
    ]);
    return file;
  };
  const ding = tone('ding', 659.25, 0.9, 0);
  const dong = tone('dong', 523.25, 0.85, 0.4);
  // Soften the top, add a little room, leave headroom, and end at 1.3 s without a click.
  const effects = 'lowpass 3000 reverb 15 50 40 norm -3 trim 0 1.3 fade t 0 1.3 0.05'.split(' ');
  run('sox', ['-m', ding, dong, '-r', RATE, '-c', '1', '-C', QUALITY, target, ...effects]);
}

function main(): void {
  const force = process.argv.includes('--force');
  const espeak = requireTool('espeak-ng', ['--version'], 'apt-get install espeak-ng');
  const sox = requireTool('sox', ['--version'], 'apt-get install sox libsox-fmt-all');
  for (const voice of Object.values(VOICES)) {
    const probe = spawnSync('espeak-ng', ['-v', voice, '-q', 'a'], { encoding: 'utf8' });
    if (probe.status !== 0) fail(`espeak-ng has no voice "${voice}" (see espeak-ng --voices).`);
  }
  const formats = execFileSync('sox', ['-h'], { encoding: 'utf8' });
  if (!/FILE FORMATS:.*\bvorbis\b/.test(formats))
    fail('sox cannot write Ogg Vorbis: apt-get install libsox-fmt-all');
  const previous = force ? null : readPrevious();
  const work = mkdtempSync(join(tmpdir(), 'luot-voice-'));
  const tools = `${espeak.split(/\s+/).slice(0, 4).join(' ')}; ${sox.replace(/^sox:\s*/, '')}`;
  let made = 0;
  let kept = 0;
  const keepOrMake = (old: ClipFile | undefined, source: string, file: string, make: (t: string) => void) => {
    const target = join(OUT, file);
    if (old && old.source === source && old.file === file && existsSync(target)) {
      kept++;
      return old;
    }
    make(target);
    made++;
    return { file, ms: durationMs(target), source };
  };
  try {
    const clips = {} as Manifest['clips'];
    for (const folder of VOICE_FOLDERS) {
      mkdirSync(join(OUT, folder), { recursive: true });
      const entries: Record<string, ClipFile> = {};
      for (const entry of clipCatalog()) {
        const text = clipText(entry, folder);
        if (text === null) continue;
        const source = hash(CLIP_PIPELINE, VOICES[folder], SPEED[folder], RATE, QUALITY, text);
        entries[entry.id] = keepOrMake(
          previous?.clips[folder]?.[entry.id],
          source,
          `${folder}/${entry.id}.ogg`,
          (t) => makeClip(text, folder, t, work),
        );
      }
      // Clips no longer in the catalogue go away.
      for (const name of readdirSync(join(OUT, folder))) {
        if (!entries[name.replace(/\.ogg$/, '')]) rmSync(join(OUT, folder, name));
      }
      clips[folder] = Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : 1)));
    }
    const chime = keepOrMake(
      previous?.chime,
      hash(CHIME_PIPELINE, 'chime', RATE, QUALITY),
      'chime.ogg',
      (t) => makeChime(t, work),
    );
    const manifest: Manifest = {
      generatedBy: `apps/display/scripts/gen-voice.ts (${tools})`,
      voices: {
        south: `espeak-ng ${VOICES.south}`,
        north: `espeak-ng ${VOICES.north}`,
        en: `espeak-ng ${VOICES.en}`,
      },
      clips,
      chime,
    };
    writeFileSync(join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`gen-voice: ${made} made, ${kept} unchanged, in ${OUT}`);
}

main();
