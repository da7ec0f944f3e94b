// Joining a city (API.md, "The hub's side"): a new Ed25519 key pair, its public key enrolled with
// the one-time code, then the key and the link kept — only once the city accepted them, so a
// refused code or an unreachable city changes nothing here. Used by POST /api/v1/city/join,
// LUOT_CITY_URL and `pnpm luot city join`.
import { LuotError } from '@luot/shared';
import type { CityData } from '../db/city.ts';
import { makeCentreKey } from './keys.ts';

export const ENROL_PATH = '/api/city/v1/enrol';

/** A city URL as stored: no trailing slash. */
export const cityBase = (url: string) => url.replace(/\/+$/, '');

export async function joinCity(
  ctx: { dataDir: string; data: CityData; now: number; fetch?: typeof fetch; timeoutMs?: number },
  cityUrl: string,
  enrolmentCode: string,
): Promise<{ url: string; centreCode: string }> {
  const url = cityBase(cityUrl);
  const pending = makeCentreKey(ctx.dataDir);
  let res: Response;
  try {
    res = await (ctx.fetch ?? fetch)(url + ENROL_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enrolmentCode, publicKey: pending.publicKey }),
      signal: AbortSignal.timeout(ctx.timeoutMs ?? 20_000),
    });
  } catch (error) {
    pending.discard();
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new LuotError(
      'conflict',
      `cityUrl: the city server did not answer (${cause ?? (error as Error).message})`,
    );
  }
  const text = await res.text().catch(() => '');
  let answer: unknown = null;
  try {
    answer = JSON.parse(text);
  } catch {}
  const centreCode = (answer as { centre?: { code?: unknown } } | null)?.centre?.code;
  if (res.status !== 201 || typeof centreCode !== 'string') {
    pending.discard();
    const message = (answer as { error?: { message?: string } } | null)?.error?.message;
    throw new LuotError(
      res.status === 401 || res.status === 400 ? 'validation_failed' : 'conflict',
      `enrolmentCode: the city answered ${res.status}${message ? `: ${message}` : ''}`,
    );
  }
  pending.commit();
  ctx.data.saveLink(url, centreCode, ctx.now);
  return { url, centreCode };
}
