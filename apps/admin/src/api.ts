// The hub calls the dashboard makes, each answer checked against its schema (a hub that answers
// something else is reported as such, never shown half-read).
import {
  type AdminCounter,
  AdminCountersResponse,
  type AdminService,
  AdminServicesResponse,
  type AdminUser,
  type AuditEntry,
  AuditResponse,
  type Centre,
  CentreResponse,
  type DeviceInfo,
  DevicesResponse,
  Overview,
  PairingCodeResponse,
  PeriodReport,
  UsersResponse,
} from '@luot/shared';
import { type HubClient, HubError } from '@luot/ui';
import type { z } from 'zod';
import { type Period, periodQuery } from './period.ts';

function check<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : '(root)';
  throw new HubError(0, 'bad_response', `${what}: ${where}: ${issue?.message ?? 'unexpected answer'}`);
}

const id = encodeURIComponent;

export type ExportFormat = 'xlsx' | 'csv';

export interface Download {
  blob: Blob;
  filename: string;
}

/** The file name in a Content-Disposition header (RFC 6266 `filename*` first), or null. */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() || null;
}

export class AdminApi {
  constructor(readonly client: HubClient) {}

  async overview(): Promise<Overview> {
    return check(Overview, await this.client.request('GET', '/api/v1/overview'), 'GET /api/v1/overview');
  }

  async serviceDay(): Promise<string> {
    return (await this.client.health()).serviceDay;
  }

  async report(period: Period): Promise<PeriodReport> {
    const path = `/api/v1/reports?${periodQuery(period)}`;
    return check(PeriodReport, await this.client.request('GET', path), 'GET /api/v1/reports');
  }

  /** GET /api/v1/reports/export as a file (the token goes in a header, so no plain link). */
  async exportReport(period: Period, format: ExportFormat): Promise<Download> {
    const path = `/api/v1/reports/export?${periodQuery(period, { format })}`;
    let res: Response;
    try {
      res = await fetch(`${this.client.baseUrl}${path}`, {
        headers: this.client.token ? { authorization: `Bearer ${this.client.token}` } : {},
      });
    } catch (error) {
      throw new HubError(0, 'network', `GET ${path}: ${(error as Error).message}`);
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as {
        error?: { code: string; message: string };
      } | null;
      throw new HubError(res.status, body?.error?.code ?? `http_${res.status}`, body?.error?.message ?? path);
    }
    const filename =
      filenameFromDisposition(res.headers.get('content-disposition')) ??
      `bao-cao-${period.from}-${period.to}.${format}`;
    return { blob: await res.blob(), filename };
  }

  async centre(): Promise<Centre> {
    const raw = await this.client.request('GET', '/api/v1/centre');
    return check(CentreResponse, raw, 'GET /api/v1/centre').centre;
  }

  async updateCentre(body: Record<string, unknown>): Promise<void> {
    await this.client.request('PUT', '/api/v1/centre', body);
  }

  async services(): Promise<AdminService[]> {
    const raw = await this.client.request('GET', '/api/v1/admin/services');
    return check(AdminServicesResponse, raw, 'GET /api/v1/admin/services').services;
  }

  async saveService(serviceId: string | null, body: Record<string, unknown>): Promise<void> {
    if (serviceId) await this.client.request('PUT', `/api/v1/services/${id(serviceId)}`, body);
    else await this.client.request('POST', '/api/v1/services', body);
  }

  async saveProcedure(
    target: { serviceId: string } | { procedureId: string },
    body: Record<string, unknown>,
  ): Promise<void> {
    if ('procedureId' in target)
      await this.client.request('PUT', `/api/v1/procedures/${id(target.procedureId)}`, body);
    else await this.client.request('POST', `/api/v1/services/${id(target.serviceId)}/procedures`, body);
  }

  async counters(): Promise<AdminCounter[]> {
    const raw = await this.client.request('GET', '/api/v1/admin/counters');
    return check(AdminCountersResponse, raw, 'GET /api/v1/admin/counters').counters;
  }

  async saveCounter(counterId: string | null, body: Record<string, unknown>): Promise<void> {
    if (counterId) await this.client.request('PUT', `/api/v1/counters/${id(counterId)}`, body);
    else await this.client.request('POST', '/api/v1/counters', body);
  }

  async users(): Promise<AdminUser[]> {
    const raw = await this.client.request('GET', '/api/v1/users');
    return check(UsersResponse, raw, 'GET /api/v1/users').users;
  }

  async createUser(body: Record<string, unknown>): Promise<void> {
    await this.client.request('POST', '/api/v1/users', body);
  }

  async updateUser(userId: string, body: Record<string, unknown>): Promise<void> {
    await this.client.request('PUT', `/api/v1/users/${id(userId)}`, body);
  }

  async resetPassword(userId: string, password: string): Promise<void> {
    await this.client.request('POST', `/api/v1/users/${id(userId)}/password`, { password });
  }

  async devices(): Promise<{ devices: DeviceInfo[]; defaultPrinter: string | null }> {
    const raw = await this.client.request('GET', '/api/v1/devices');
    return check(DevicesResponse, raw, 'GET /api/v1/devices');
  }

  async updateDevice(deviceId: string, body: Record<string, unknown>): Promise<void> {
    await this.client.request('PUT', `/api/v1/devices/${id(deviceId)}`, body);
  }

  async setPrinter(deviceId: string, body: Record<string, unknown>): Promise<void> {
    await this.client.request('PUT', `/api/v1/devices/${id(deviceId)}/printer`, body);
  }

  async revokeDevice(deviceId: string): Promise<void> {
    await this.client.request('POST', `/api/v1/devices/${id(deviceId)}/revoke`, {});
  }

  async pairingCode(body: Record<string, unknown>): Promise<{ code: string; expiresAt: string }> {
    const raw = await this.client.request('POST', '/api/v1/devices/pairing-codes', body);
    return check(PairingCodeResponse, raw, 'POST /api/v1/devices/pairing-codes');
  }

  async audit(limit: number, before?: string | null): Promise<AuditEntry[]> {
    const q = new URLSearchParams({ limit: String(limit) });
    if (before !== undefined && before !== null) q.set('before', String(before));
    const raw = await this.client.request('GET', `/api/v1/audit?${q}`);
    return check(AuditResponse, raw, 'GET /api/v1/audit').entries;
  }
}
