// The hub's report path to its city (API.md, "The hub's side"; docs/city-protocol.md). The event
// log is the outbox: after the city's acknowledged seq, each change goes up as the latest state of
// the tickets it touched, in bounded batches, signed with the centre's key, about a second after
// it happened while the city answers; with backoff and jitter (up to five minutes) while it does
// not. Nothing here runs inside a command: a sync problem never touches issuing or calling.
import { type CityLink, REPORT_MAX_BYTES, type Report, ReportAck } from '@luot/shared';
import { signRequest } from '@luot/shared/node';
import type { Hub } from '../hub.ts';
import { joinCity } from './join.ts';
import { type CentreKey, loadCentreKey } from './keys.ts';
import { buildReport, liveSnapshot } from './report.ts';

export const REPORT_PATH = '/api/city/v1/reports';

export interface CitySyncOptions {
  /** Events read per report (the city takes up to 5,000 tickets in one). */
  batchEvents?: number;
  /** Delay after a change before sending (changes close together go in one report). */
  debounceMs?: number;
  /** First retry delay after a failure; doubles up to `maxBackoffMs`, with jitter. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** How often the live snapshot goes up when nothing changes. */
  liveEveryMs?: number;
  /** Time allowed for one request to the city. */
  requestTimeoutMs?: number;
  fetch?: typeof fetch;
}

export class CitySync {
  private timer: NodeJS.Timeout | null = null;
  private timerAt = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private stopped = false;
  private lastLiveAt = 0;
  private key: CentreKey | null;
  /** Whether this hub has joined a city (kept here: every change asks). */
  private linked: boolean;
  private readonly unsubscribe: () => void;
  private readonly options: Required<Omit<CitySyncOptions, 'fetch'>> & { fetch: typeof fetch };

  constructor(
    private readonly hub: Hub,
    options: CitySyncOptions = {},
  ) {
    this.options = {
      batchEvents: options.batchEvents ?? 2000,
      debounceMs: options.debounceMs ?? 700,
      minBackoffMs: options.minBackoffMs ?? 2000,
      maxBackoffMs: options.maxBackoffMs ?? 5 * 60_000,
      liveEveryMs: options.liveEveryMs ?? 60_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 20_000,
      fetch: options.fetch ?? fetch,
    };
    this.key = loadCentreKey(hub.config.dataDir);
    this.linked = this.data.link() !== undefined;
    this.unsubscribe = hub.subscribe(() => this.schedule(this.options.debounceMs));
    this.schedule(0);
  }

  private get data() {
    return this.hub.store.data.city;
  }

  link(): CityLink | null {
    const row = this.data.link();
    if (!row) return null;
    return {
      url: row.url,
      centreCode: row.centre_code,
      ackedSeq: row.acked_seq,
      lastSentAt: row.last_sent_at === null ? null : new Date(row.last_sent_at).toISOString(),
      lastError: row.last_error,
    };
  }

  /** Since when sending has failed (ms), or null when the last attempt worked. */
  failingSince(): number | null {
    return this.data.link()?.failing_since ?? null;
  }

  /**
   * Joins a city: makes a key pair, enrols its public key with the one-time code, and keeps the
   * key and the link once the city accepted them (a refused code changes nothing here).
   */
  async join(cityUrl: string, enrolmentCode: string): Promise<{ url: string; centreCode: string }> {
    const city = await joinCity(
      { dataDir: this.hub.config.dataDir, data: this.data, now: this.hub.now(), fetch: this.options.fetch },
      cityUrl,
      enrolmentCode,
    );
    this.key = loadCentreKey(this.hub.config.dataDir);
    this.linked = true;
    this.hub.log.info({ city: city.url, centre: city.centreCode }, 'joined the city');
    this.failures = 0;
    this.schedule(0);
    return city;
  }

  /** Picks up a join made by the technician CLI while the hub ran (called by the hub's timer). */
  refresh(): void {
    if (this.linked || this.data.link() === undefined) return;
    this.key = loadCentreKey(this.hub.config.dataDir);
    this.linked = true;
    this.schedule(0);
  }

  /** Sends everything pending now (one attempt), for `POST /api/v1/city/sync`. */
  async syncNow(): Promise<CityLink | null> {
    if (this.running) await this.running;
    this.clearTimer();
    await this.run();
    return this.link();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Runs a send in `ms` unless one is due sooner. */
  schedule(ms: number): void {
    if (this.stopped || !this.linked) return;
    const at = Date.now() + ms;
    if (this.timer && this.timerAt <= at) return;
    this.clearTimer();
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, ms);
    this.timer.unref();
  }

  private run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.sendPending()
      .catch((error) => {
        // A fault of this hub (a bad row, a full disk): logged, shown, retried later.
        this.hub.log.error({ err: error }, 'city sync failed');
        try {
          this.data.failed(`this hub could not make its report: ${(error as Error).message}`, this.hub.now());
        } catch {}
        this.backOff();
      })
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.schedule(0);
        }
      });
    return this.running;
  }

  /** Sends batches until nothing is left (or a failure, which schedules a retry). */
  private async sendPending(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const link = this.data.link();
      if (!link || !this.key) return;
      const now = this.hub.now();
      const events = this.data.eventsAfter(link.acked_seq, this.options.batchEvents);
      const liveDue = now - this.lastLiveAt >= this.options.liveEveryMs;
      if (events.length === 0 && !liveDue) {
        this.scheduleLive();
        return;
      }
      const report = buildReport({
        centre: link.centre_code,
        ackedSeq: link.acked_seq,
        events,
        data: this.data,
        key: this.key,
        statsForDay: (day) => this.hub.statsForDay(day),
        live: liveSnapshot(this.data, this.hub.serviceDay, now),
        now,
      });
      const outcome = await this.send(link.url, report);
      if (outcome.kind === 'failed') {
        this.data.failed(outcome.error, this.hub.now());
        const delay = this.backOff();
        this.hub.log.warn({ city: link.url, error: outcome.error, retryInMs: delay }, 'city report not sent');
        return;
      }
      this.failures = 0;
      if (outcome.kind === 'gap') {
        this.hub.log.warn(
          { ackedSeq: outcome.ackedSeq, fromSeq: report.fromSeq },
          'the city asks to resend from its seq',
        );
        this.data.rewind(outcome.ackedSeq);
        continue;
      }
      this.lastLiveAt = now;
      this.data.sent(outcome.ackedSeq, this.hub.now());
      if (events.length < this.options.batchEvents) {
        this.scheduleLive();
        return;
      }
      // Catching up: let the hub's own work run between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Schedules the next attempt after one more failure: doubling from the minimum, half of it random. */
  private backOff(): number {
    this.failures += 1;
    const base = Math.min(
      this.options.maxBackoffMs,
      this.options.minBackoffMs * 2 ** Math.min(20, this.failures - 1),
    );
    const delay = Math.round(base / 2 + Math.random() * (base / 2));
    this.again = false;
    this.schedule(delay);
    return delay;
  }

  private scheduleLive(): void {
    this.schedule(Math.max(1000, this.options.liveEveryMs - (this.hub.now() - this.lastLiveAt)));
  }

  private async send(
    url: string,
    report: Report,
  ): Promise<
    { kind: 'sent'; ackedSeq: number } | { kind: 'gap'; ackedSeq: number } | { kind: 'failed'; error: string }
  > {
    const body = JSON.stringify(report);
    if (Buffer.byteLength(body) > REPORT_MAX_BYTES) {
      return { kind: 'failed', error: 'a report over 4 MiB: lower the batch size' };
    }
    const headers = signRequest({
      method: 'POST',
      path: REPORT_PATH,
      body,
      keyId: report.centre,
      privateKey: this.key!.privateKey,
      created: Math.floor(this.hub.now() / 1000),
    });
    let res: Response;
    try {
      res = await this.options.fetch(url + REPORT_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        signal: AbortSignal.timeout(this.options.requestTimeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { kind: 'failed', error: `the city did not answer (${cause ?? (error as Error).message})` };
    }
    const text = await res.text().catch(() => '');
    let answer: unknown = null;
    try {
      answer = JSON.parse(text);
    } catch {}
    if (res.status === 200) {
      const ack = ReportAck.safeParse(answer);
      return ack.success
        ? { kind: 'sent', ackedSeq: ack.data.ackedSeq }
        : { kind: 'failed', error: 'the city answered 200 without ackedSeq' };
    }
    if (res.status === 409) {
      const ack = ReportAck.safeParse(answer);
      if (ack.success) return { kind: 'gap', ackedSeq: ack.data.ackedSeq };
    }
    const message = (answer as { error?: { message?: string } } | null)?.error?.message;
    return { kind: 'failed', error: `the city answered ${res.status}${message ? `: ${message}` : ''}` };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    this.unsubscribe();
    if (this.running) await this.running;
  }
}
