// The hub calls the dashboard makes, by name through the typed contract: each answer is checked
// against its declared schema by HubClient.call (a hub that answers something else is reported
// as such, never shown half-read).
import type {
  AdminCounter,
  AdminService,
  AdminUser,
  AuditEntry,
  Centre,
  CityLink,
  DeviceInfo,
  HubCommandName,
  HubInput,
  Overview,
  PeriodReport,
} from '@luot/shared';
import type { HubClient } from '@luot/ui';
import type { Period } from './period.ts';

export type ExportFormat = 'xlsx' | 'csv';

export interface Download {
  blob: Blob;
  filename: string;
}

type Body<K extends HubCommandName> = NonNullable<HubInput<K>['body']>;

export class AdminApi {
  constructor(readonly client: HubClient) {}

  overview(): Promise<Overview> {
    return this.client.call('overview:get');
  }

  /** Where this centre reports and how that goes (null when it has not joined a city). */
  async cityStatus(): Promise<CityLink | null> {
    return (await this.client.call('city:status')).city;
  }

  async serviceDay(): Promise<string> {
    return (await this.client.health()).serviceDay;
  }

  report(period: Period): Promise<PeriodReport> {
    return this.client.call('reports:period', { query: { from: period.from, to: period.to } });
  }

  /** The period's report as a file (the token goes in a header, so no plain link). */
  async exportReport(period: Period, format: ExportFormat): Promise<Download> {
    const file = await this.client.download('reports:export', {
      query: { from: period.from, to: period.to, format },
    });
    return { blob: file.blob, filename: file.filename ?? `bao-cao-${period.from}-${period.to}.${format}` };
  }

  async centre(): Promise<Centre> {
    return (await this.client.call('centre:get')).centre;
  }

  async updateCentre(body: Body<'centre:update'>): Promise<void> {
    await this.client.call('centre:update', { body });
  }

  async services(): Promise<AdminService[]> {
    return (await this.client.call('admin:services')).services;
  }

  async saveService(
    serviceId: string | null,
    body: Body<'services:create'> | Body<'services:update'>,
  ): Promise<void> {
    if (serviceId) await this.client.call('services:update', { params: { id: serviceId }, body });
    else await this.client.call('services:create', { body: body as Body<'services:create'> });
  }

  async saveProcedure(
    target: { serviceId: string } | { procedureId: string },
    body: Body<'procedures:create'> | Body<'procedures:update'>,
  ): Promise<void> {
    if ('procedureId' in target)
      await this.client.call('procedures:update', { params: { id: target.procedureId }, body });
    else
      await this.client.call('procedures:create', {
        params: { id: target.serviceId },
        body: body as Body<'procedures:create'>,
      });
  }

  async counters(): Promise<AdminCounter[]> {
    return (await this.client.call('admin:counters')).counters;
  }

  async saveCounter(
    counterId: string | null,
    body: Body<'counters:create'> | Body<'counters:update'>,
  ): Promise<void> {
    if (counterId) await this.client.call('counters:update', { params: { id: counterId }, body });
    else await this.client.call('counters:create', { body: body as Body<'counters:create'> });
  }

  async users(): Promise<AdminUser[]> {
    return (await this.client.call('users:list')).users;
  }

  async createUser(body: Body<'users:create'>): Promise<void> {
    await this.client.call('users:create', { body });
  }

  async updateUser(userId: string, body: Body<'users:update'>): Promise<void> {
    await this.client.call('users:update', { params: { id: userId }, body });
  }

  async resetPassword(userId: string, password: string): Promise<void> {
    await this.client.call('users:password', { params: { id: userId }, body: { password } });
  }

  devices(): Promise<{ devices: DeviceInfo[]; defaultPrinter: string | null }> {
    return this.client.call('devices:list');
  }

  async updateDevice(deviceId: string, body: Body<'devices:update'>): Promise<void> {
    await this.client.call('devices:update', { params: { id: deviceId }, body });
  }

  async setPrinter(deviceId: string, body: Body<'devices:set-printer'>): Promise<void> {
    await this.client.call('devices:set-printer', { params: { id: deviceId }, body });
  }

  async revokeDevice(deviceId: string): Promise<void> {
    await this.client.call('devices:revoke', { params: { id: deviceId } });
  }

  pairingCode(body: Body<'devices:pairing-code'>): Promise<{ code: string; expiresAt: string }> {
    return this.client.call('devices:pairing-code', { body });
  }

  async audit(limit: number, before?: string | null): Promise<AuditEntry[]> {
    const query = before === undefined || before === null ? { limit } : { limit, before };
    return (await this.client.call('audit:list', { query })).entries;
  }
}
