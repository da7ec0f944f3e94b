// Local hours: the centre's UTC offsets over a period, and the SQL of the local hour of a time.
import { nextDay, startOfServiceDay, zonedParts } from '@luot/shared';

/** The zone's offset from UTC at `at`, in ms (whole seconds). */
export function zoneOffsetAt(at: number, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
}

/** Offsets are sampled a week apart: no zone changes its offset twice within a week. */
const SAMPLE_MS = 7 * 86_400_000;

/**
 * The zone's offsets over the service days `from`..`to`: `offsets[0]` until `changes[0]`,
 * `offsets[i]` from `changes[i - 1]` on. One offset and no change in Vietnam; a zone with
 * daylight saving time gets each change to the minute.
 */
export function offsetSegments(
  from: string,
  to: string,
  timeZone: string,
): { changes: number[]; offsets: number[] } {
  const end = startOfServiceDay(nextDay(to), timeZone);
  let at = startOfServiceDay(from, timeZone);
  let offset = zoneOffsetAt(at, timeZone);
  const changes: number[] = [];
  const offsets = [offset];
  while (at < end) {
    const next = Math.min(at + SAMPLE_MS, end);
    const nextOffset = zoneOffsetAt(next, timeZone);
    if (nextOffset !== offset) {
      // The first minute with the new offset, by bisection.
      let lo = Math.floor(at / 60_000);
      let hi = Math.ceil(next / 60_000);
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (zoneOffsetAt(mid * 60_000, timeZone) === offset) lo = mid;
        else hi = mid;
      }
      changes.push(hi * 60_000);
      offsets.push(nextOffset);
      offset = nextOffset;
    }
    at = next;
  }
  return { changes, offsets };
}

/**
 * SQL for the local hour (0..23) of an epoch-ms column, written `?col` (so the same text serves
 * several columns), and its parameters, bound once per use of the text. The text depends only
 * on the number of offset changes, so its prepared statement is reused. better-sqlite3 binds
 * numbers as REAL: the CASTs keep the division an integer one.
 */
export function localHourSql(segments: { changes: number[]; offsets: number[] }): {
  sql: string;
  params: number[];
} {
  if (segments.changes.length === 0) {
    return { sql: '((?col + CAST(? AS INTEGER)) / 3600000) % 24', params: [segments.offsets[0]!] };
  }
  const params: number[] = [];
  const whens = segments.changes.map((change, i) => {
    params.push(change, segments.offsets[i]!);
    return 'WHEN ?col < ? THEN CAST(? AS INTEGER)';
  });
  params.push(segments.offsets.at(-1)!);
  return { sql: `((?col + CASE ${whens.join(' ')} ELSE CAST(? AS INTEGER) END) / 3600000) % 24`, params };
}
