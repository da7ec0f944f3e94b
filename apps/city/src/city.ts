// The city server's work, behind the handlers: users and tokens, centres and enrolment, signed
// reports, figures. It keeps no state of its own beyond caches and rate limits: several city
// processes may serve one PostgreSQL database (API.md).
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { type CityFigures, type CityRole, type CityUser, LuotError, type Report } from '@luot/shared';
import {
  checkSignature,
  ed25519PublicKey,
  hashPassword,
  parseSignatureInput,
  verifyPassword,
} from '@luot/shared/node';
import type { CityConfig } from './config.ts';
import { type CentreRow, centresData } from './db/centres.ts';
import type { CityDatabase, Sql } from './db/database.ts';
import { reportsData } from './db/reports.ts';
import { figuresOnly, statsData } from './db/stats.ts';
import { type CityUserRow, usersData } from './db/users.ts';
import type { Logger } from './log.ts';

export const CITY_VERSION = '0.1.0';
const TOKEN_TTL_MS = 12 * 3600_000;
const LOGIN_FAILURES_BEFORE_LOCK = 5;
const LOGIN_LOCK_MS = 15 * 60_000;
const ENROLMENT_CODE_TTL_MS = 7 * 24 * 3600_000;
/** Letters and digits that cannot be misread (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
export const newCityId = () => randomBytes(12).toString('base64url');

/** A one-time enrolment code, e.g. `K7QM-3XPA-TW9D` (about 59 bits). */
export function newEnrolmentCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < 3; g += 1) {
    let group = '';
    for (let i = 0; i < 4; i += 1) group += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}
/** A code as typed: case, spaces and dashes do not matter. */
const normaliseCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

export const userOfRow = (r: CityUserRow): CityUser => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
});

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

export const EMPTY_FIGURES: CityFigures = {
  issued: 0,
  served: 0,
  noShow: 0,
  cancelled: 0,
  expired: 0,
  avgWaitSeconds: null,
  p90WaitSeconds: null,
  avgServiceSeconds: null,
  ratings: { '1': 0, '2': 0, '3': 0, '4': 0 },
};

/** A sliding one-minute window per key (enrolment attempts per client address). */
class RateLimit {
  private readonly hits = new Map<string, number[]>();
  constructor(private readonly perMinute: number) {}
  take(key: string, now: number): boolean {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= this.perMinute) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.hits.clear();
    return true;
  }
}

/** What a signed report request carries, as the HTTP layer received it. */
export interface SignedRequest {
  method: string;
  path: string;
  body: Buffer;
  headers: { 'content-digest'?: string; 'signature-input'?: string; signature?: string };
}

export type City = ReturnType<typeof createCity>;

export function createCity(options: {
  db: CityDatabase;
  config: CityConfig;
  log: Logger;
  now?: () => number;
}) {
  const { db, config, log } = options;
  const now = options.now ?? Date.now;
  const enrolLimit = new RateLimit(config.enrolPerMinute ?? 10);
  const users = usersData(db);
  const centres = centresData(db);
  const stats = statsData(db);

  /** Marks each of the centre's reported days reconciled when its figures equal the city's own. */
  async function reconcile(sql: Sql, centreId: number, days: readonly string[]): Promise<void> {
    const reports = reportsData(sql);
    const reported = await reports.reportedDays(centreId, days);
    if (reported.length === 0) return;
    const own = await statsData(sql).centreDays(
      centreId,
      reported.map((d) => d.date),
    );
    for (const day of reported) {
      const mine = own.get(day.date);
      const equal = isDeepStrictEqual(mine ? figuresOnly(mine) : EMPTY_FIGURES, day.figures);
      await reports.setReconciled(centreId, day.date, equal);
    }
  }

  return {
    db,
    config,
    log,
    now,

    /** Creates the first admin when there is no user (the password given, or a generated one). */
    async ensureAdmin(): Promise<string | null> {
      if ((await users.count()) > 0) return null;
      const password = config.adminPassword ?? randomBytes(12).toString('base64url');
      await users.insert({
        id: newCityId(),
        username: 'admin',
        displayName: 'Quản trị thành phố',
        role: 'admin',
        passwordHash: await hashPassword(password),
      });
      return config.adminPassword ? null : password;
    },

    async addUser(input: { username: string; displayName: string; role: CityRole; password: string }) {
      const added = await users.insert({
        id: newCityId(),
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        passwordHash: await hashPassword(input.password),
      });
      if (!added) throw new LuotError('conflict', `username: ${input.username} exists`);
    },

    async login(username: string, password: string) {
      const row = await users.byUsername(username);
      if (row?.locked_until && new Date(row.locked_until).getTime() > now()) {
        const wait = Math.ceil((new Date(row.locked_until).getTime() - now()) / 1000);
        throw new LuotError('too_many_attempts', 'too many failed sign-ins: try again later', wait);
      }
      // A missing user costs a hash too, so that timing does not tell which usernames exist.
      const ok = await verifyPassword(
        password,
        row?.password_hash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA',
      );
      if (!row || !ok) {
        if (row) await users.failedLogin(row.id, LOGIN_FAILURES_BEFORE_LOCK, new Date(now() + LOGIN_LOCK_MS));
        throw new LuotError('unauthorized', 'wrong username or password');
      }
      await users.goodLogin(row.id);
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now() + TOKEN_TTL_MS);
      await users.insertToken(sha256(token), row.id, expiresAt);
      return { token, user: userOfRow(row), expiresAt: expiresAt.toISOString() };
    },

    async authenticate(token: string): Promise<CityUser | null> {
      const row = await users.userOfToken(sha256(token), new Date(now()));
      return row ? userOfRow(row) : null;
    },

    /** Adds the centre (or renames it) and gives it a new one-time enrolment code. */
    async createCentre(code: string, name: string) {
      const enrolmentCode = newEnrolmentCode();
      const expiresAt = new Date(now() + ENROLMENT_CODE_TTL_MS);
      const centre = await db.transaction(async (sql) => {
        const data = centresData(sql);
        const id = await data.upsert(code, name);
        await data.setEnrolmentCode(id, sha256(normaliseCode(enrolmentCode)), expiresAt);
        return { code, name };
      });
      log.info({ centre: code }, 'enrolment code made');
      return { centre, enrolmentCode, expiresAt: expiresAt.toISOString() };
    },

    async enrol(enrolmentCode: string, publicKey: string, client: string) {
      if (!enrolLimit.take(client, now())) {
        throw new LuotError('too_many_attempts', 'too many enrolment attempts: wait a minute', 60);
      }
      if (!ed25519PublicKey(publicKey))
        throw new LuotError('validation_failed', 'publicKey: not an Ed25519 public key');
      const centre = await centres.enrol(sha256(normaliseCode(enrolmentCode)), publicKey, new Date(now()));
      if (!centre) throw new LuotError('unauthorized', 'enrolmentCode: unknown, used or expired');
      log.info({ centre: centre.code }, 'centre enrolled');
      return { centre };
    },

    async listCentres() {
      const rows = await centres.list();
      return {
        centres: rows.map((r: CentreRow) => ({
          code: r.code,
          name: r.name,
          enrolled: r.public_key !== null,
          lastReportAt: iso(r.last_report_at),
          ackedSeq: r.acked_seq,
        })),
      };
    },

    async revokeKey(code: string): Promise<boolean> {
      return centres.revokeKey(code);
    },

    /**
     * Checks a signed report and stores it (API.md, "A report"). `parse` validates the body once
     * the signature holds. Throws LuotError: 401 for a signature problem, 400 for a bad body,
     * 409 (with `ackedSeq`) for a gap.
     */
    async report(request: SignedRequest, parse: (body: unknown) => Report): Promise<{ ackedSeq: number }> {
      const refuse = (why: string): never => {
        throw new LuotError('unauthorized', `signature: ${why}`);
      };
      const input = request.headers['signature-input'];
      if (!input || !request.headers.signature || !request.headers['content-digest'])
        refuse('missing headers');
      const parsedInput = parseSignatureInput(input!);
      if (!parsedInput) refuse('bad signature-input');
      const centre = await centres.byCode(parsedInput!.keyId);
      if (!centre) refuse('unknown keyid');
      const key = centre!.public_key ? ed25519PublicKey(centre!.public_key) : null;
      if (!key) refuse('the centre has not enrolled');
      const problem = checkSignature({
        method: request.method,
        path: request.path,
        body: request.body,
        headers: request.headers,
        publicKey: key!,
        nowSeconds: Math.floor(now() / 1000),
      });
      if (problem) refuse(problem);
      let json: unknown;
      try {
        json = JSON.parse(request.body.toString('utf8'));
      } catch {
        throw new LuotError('validation_failed', 'body: not valid JSON');
      }
      const report = parse(json);
      if (report.centre !== centre!.code) refuse('keyid is not the report’s centre');
      const outcome = await db.transaction(async (sql) => {
        const result = await reportsData(sql).ingest(centre!.id, report, new Date(now()));
        if (result.kind === 'stored') await reconcile(sql, centre!.id, result.touchedDays);
        return result;
      });
      if (outcome.kind === 'gap') throw new ReportGapError(outcome.ackedSeq, report.fromSeq);
      log.debug(
        { centre: centre!.code, toSeq: report.toSeq, tickets: report.tickets.length },
        'report stored',
      );
      return { ackedSeq: outcome.ackedSeq };
    },

    async stats(from: string, to: string, code: string | null) {
      if (from > to) throw new LuotError('validation_failed', 'from: after to');
      if (code !== null && !(await centres.byCode(code)))
        throw new LuotError('not_found', `centre ${code} not found`);
      const [perCentre, total] = await Promise.all([
        stats.perCentre(from, to, code, 0),
        stats.total(from, to, code, 0),
      ]);
      return {
        from,
        to,
        centres: perCentre.map((c) => ({ code: c.code, name: c.name, ...figuresOnly(c.figures) })),
        total: figuresOnly(total),
      };
    },

    /** A centre's reported days and whether each reconciled. */
    async centreDays(code: string) {
      const centre = await centres.byCode(code);
      if (!centre) throw new LuotError('not_found', `centre ${code} not found`);
      return reportsData(db).days(centre.id);
    },
  };
}

/** 409 to a report that starts beyond the city's acknowledged seq: the answer says where to resume. */
export class ReportGapError extends LuotError {
  constructor(
    readonly ackedSeq: number,
    fromSeq: number,
  ) {
    super('conflict', `fromSeq ${fromSeq} is beyond ackedSeq + 1 (${ackedSeq + 1}): send from there`);
  }
  override toBody() {
    return { ...super.toBody(), ackedSeq: this.ackedSeq };
  }
}
