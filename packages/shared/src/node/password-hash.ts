// Password hashing (scrypt) for the hub and the city server: one rule, one format
// (`scrypt$N$r$p$salt$key`), at most two hashes at once. Node only (node:crypto).
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

// N = 2^15 makes each hash need just over 32 MiB, above glibc's largest mmap threshold: the
// memory is mapped for the hash and returned at once, instead of staying in a thread's arena.
const SCRYPT = { N: 32768, r: 8, p: 1, maxmem: 96 * 1024 * 1024 };
const KEY_LENGTH = 32;

/**
 * At most two hashes at once: each holds 32 MiB while it runs, and these PCs have 2 cores.
 * Urgent work (a login from an address where that user signed in before) goes ahead of the
 * rest, so a flood of strangers' attempts does not make a real officer wait.
 */
let running = 0;
const waiting: { urgent: (() => void)[]; normal: (() => void)[] } = { urgent: [], normal: [] };
/** Hashes started since the process began (tests read it to see what went before what). */
export const hashStats = { started: 0 };
export async function limited<T>(work: () => Promise<T>, urgent = false): Promise<T> {
  if (running >= 2) {
    await new Promise<void>((resolve) => (urgent ? waiting.urgent : waiting.normal).push(resolve));
  }
  running += 1;
  hashStats.started += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    (waiting.urgent.shift() ?? waiting.normal.shift())?.();
  }
}

export async function hashPassword(password: string, urgent = false): Promise<string> {
  const salt = randomBytes(16);
  const key = await limited(() => scryptAsync(password.normalize('NFC'), salt, KEY_LENGTH, SCRYPT), urgent);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string, urgent = false): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await limited(
    () =>
      scryptAsync(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, {
        N: Number(n),
        r: Number(r),
        p: Number(p),
        maxmem: SCRYPT.maxmem,
      }),
    urgent,
  );
  return timingSafeEqual(actual, expected);
}
