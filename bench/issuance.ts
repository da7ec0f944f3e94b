// Durable issuance: POST /api/v1/tickets as a kiosk, a unique Idempotency-Key each, in a
// closed loop with N requests in flight. Every 201 is a ticket committed with synchronous=FULL.
import { randomBytes } from 'node:crypto';
import { closedLoop, type HttpClient } from './lib/http.ts';
import { CpuMeter } from './lib/proc.ts';
import type { ServiceInfo } from './lib/setup.ts';
import { type LatencySummary, round, summarize } from './lib/stats.ts';

export interface IssuanceResult {
  requests: number;
  inFlight: number;
  errors: number;
  firstError: string | null;
  wallMs: number;
  ticketsPerSec: number;
  /** Throughput over the first and the last tenth of the requests (does it slow down as tickets pile up?). */
  firstTenthPerSec: number;
  lastTenthPerSec: number;
  latencyMs: LatencySummary;
  /** CPU time over wall time, % of one core: shows which side is the bottleneck. */
  hubCpuPct: number;
  clientCpuPct: number;
}

export type Issue = (inFlight: number, requests: number) => Promise<IssuanceResult>;

/** A kiosk issuing tickets over the active fields round-robin (with one of their procedures). */
export function kioskIssuer(
  http: HttpClient,
  hubPid: number,
  kioskToken: string,
  fields: ServiceInfo[],
): Issue {
  const active = fields.filter((s) => s.active);
  const widest = Math.max(1, ...active.map((s) => s.procedures.length));
  const bodies: { serviceId: string; procedureId?: string }[] = [];
  for (let p = 0; p < widest; p++) {
    for (const s of active) {
      const procedure = s.procedures[p % Math.max(1, s.procedures.length)];
      bodies.push(procedure ? { serviceId: s.id, procedureId: procedure.id } : { serviceId: s.id });
    }
  }
  const run = randomBytes(6).toString('hex');
  let phase = 0;
  return async (inFlight, requests) => {
    const prefix = `bench-${run}-${phase++}-`;
    const meter = new CpuMeter(hubPid);
    const result = await closedLoop(
      requests,
      inFlight,
      (i) =>
        http.call('POST', '/api/v1/tickets', {
          token: kioskToken,
          body: bodies[i % bodies.length],
          headers: { 'idempotency-key': prefix + i },
          raw: true,
        }),
      201,
    );
    const cpu = meter.stop();
    return {
      requests,
      inFlight,
      errors: result.errors,
      firstError: result.firstError,
      wallMs: Math.round(result.wallMs),
      ticketsPerSec: round((requests / result.wallMs) * 1000, 0),
      ...tenths(result.doneAt),
      latencyMs: summarize(result.latencies),
      ...cpu,
    };
  };
}

function tenths(doneAt: number[]): { firstTenthPerSec: number; lastTenthPerSec: number } {
  const k = Math.floor(doneAt.length / 10);
  if (k < 10) return { firstTenthPerSec: Number.NaN, lastTenthPerSec: Number.NaN };
  const first = doneAt[k - 1]!;
  const last = doneAt[doneAt.length - 1]! - doneAt[doneAt.length - 1 - k]!;
  return { firstTenthPerSec: round((k / first) * 1000, 0), lastTenthPerSec: round((k / last) * 1000, 0) };
}
