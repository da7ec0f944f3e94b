// Devices: pairing codes for new ones, each device's last contact and open alerts, its name,
// zone or counter, a kiosk's printer, and revoking a lost or replaced device.
import {
  type AdminCounter,
  DEVICE_KINDS,
  type DeviceInfo,
  type DeviceKind,
  PairingCodeRequest,
  SetPrinterRequest,
  UpdateDeviceRequest,
} from '@luot/shared';
import { DataTable, type DataTableColumn, formatClock, type HubClient } from '@luot/ui';
import { type FormEvent, useState } from 'react';
import type { AdminApi } from '../api.ts';
import {
  Dialog,
  DialogButtons,
  ErrorLine,
  FormField,
  SmallButton,
  type Tx,
  useAdminI18n,
} from '../common.tsx';
import { formatAgo, formatTime } from '../format.ts';
import { baseLabels, SectionHead, useCatalog, useForm, useSubmit } from './kit.tsx';

export function DevicesTable({
  devices,
  counters,
  defaultPrinter,
  nowMs,
  timeZone,
  onEdit,
  onPrinter,
  onRevoke,
}: {
  devices: DeviceInfo[];
  counters: AdminCounter[];
  defaultPrinter: string | null;
  nowMs: number;
  timeZone: string;
  onEdit: (device: DeviceInfo) => void;
  onPrinter: (device: DeviceInfo) => void;
  onRevoke: (device: DeviceInfo) => void;
}) {
  const { a, language } = useAdminI18n();
  const counterName = (id: string | null) => {
    const c = counters.find((x) => x.id === id);
    return c ? a('counterLabel', { number: c.number }) : (id ?? '');
  };
  const place = (d: DeviceInfo) => (d.counterId ? counterName(d.counterId) : (d.zone ?? '—'));
  const columns: DataTableColumn<DeviceInfo>[] = [
    { key: 'name', header: a('deviceName'), rowHeader: true, cell: (d) => d.name, sortValue: (d) => d.name },
    {
      key: 'kind',
      header: a('kind'),
      cell: (d) => a(`kind_${d.kind}`),
      sortValue: (d) => a(`kind_${d.kind}`),
    },
    {
      key: 'place',
      header: `${a('colCounter')} / ${a('zone')}`,
      cell: place,
      sortValue: (d) => (d.counterId || d.zone ? place(d) : null),
    },
    {
      key: 'lastSeen',
      header: a('lastSeen'),
      cell: (d) => (d.lastSeenAt ? formatAgo(d.lastSeenAt, nowMs, language) : a('neverSeen')),
      cellProps: (d) => ({ title: formatTime(d.lastSeenAt, language, timeZone) }),
      sortValue: (d) => (d.lastSeenAt ? Date.parse(d.lastSeenAt) : null),
    },
    {
      key: 'printer',
      header: a('printer'),
      className: 'a-small',
      cell: (d) => (d.printer ? printerText(d.printer, defaultPrinter, a) : '—'),
    },
    {
      key: 'status',
      header: a('status'),
      cell: (d) => <DeviceStatus device={d} a={a} />,
      sortValue: (d) => d.alerts.length,
    },
    {
      key: 'actions',
      header: a('actions'),
      className: 'a-actions',
      cell: (d) => (
        <div>
          <SmallButton testId={`admin-device-${d.id}-edit`} onClick={() => onEdit(d)}>
            {a('edit')}
          </SmallButton>
          {d.kind === 'kiosk' && (
            <SmallButton testId={`admin-device-${d.id}-printer`} onClick={() => onPrinter(d)}>
              {a('printer')}
            </SmallButton>
          )}
          <SmallButton testId={`admin-device-${d.id}-revoke`} danger onClick={() => onRevoke(d)}>
            {a('revoke')}
          </SmallButton>
        </div>
      ),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={devices}
      rowKey={(d) => d.id}
      rowProps={(d) => ({ 'data-testid': `admin-device-${d.id}` })}
      className="a-table"
      testId="admin-devices"
    />
  );
}

function printerText(
  printer: NonNullable<DeviceInfo['printer']>,
  defaultPrinter: string | null,
  a: Tx,
): string {
  const uri = printer.uri ?? `${a('printerDefault')} (${defaultPrinter ?? a('noDefaultPrinter')})`;
  return `${uri} · ${printer.paper} mm · ${a(`mode_${printer.mode}`)}`;
}

function DeviceStatus({ device, a }: { device: DeviceInfo; a: Tx }) {
  if (device.alerts.length === 0) return <span className="a-tag a-tag--ok">{a('deviceOk')}</span>;
  return (
    <ul className="a-device-alerts" data-testid={`admin-device-${device.id}-alerts`}>
      {device.alerts.map((alert) => (
        <li key={alert.id} className="a-tag a-tag--critical" title={`${alert.kind}: ${alert.code}`}>
          {alert.message}
          {alert.count > 1 ? ` (×${alert.count})` : ''}
        </li>
      ))}
    </ul>
  );
}

export function PairingForm({
  counters,
  timeZone,
  onCreate,
}: {
  counters: AdminCounter[];
  timeZone: string;
  onCreate: (body: Record<string, unknown>) => Promise<{ code: string; expiresAt: string }>;
}) {
  const { a, language } = useAdminI18n();
  const form = useForm({ kind: 'kiosk', name: '', counterId: '', zone: '' });
  const [result, setResult] = useState<{ code: string; expiresAt: string } | null>(null);
  const { busy, error, submit } = useSubmit(() => {}, { ...baseLabels(a), name: a('deviceName') });
  const kind = form.values.kind as DeviceKind;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = { kind, name: form.values.name };
    if (kind === 'counter' && form.values.counterId) body.counterId = form.values.counterId;
    if (kind === 'display' && form.values.zone.trim()) body.zone = form.values.zone;
    void submit(PairingCodeRequest, body, async () => setResult(await onCreate(body)));
  };
  return (
    <form className="a-card a-pairing" onSubmit={onSubmit} noValidate data-testid="pairing-form">
      <h3 className="a-card__title">{a('pairingTitle')}</h3>
      <div className="a-pairing__row">
        <FormField label={a('kind')}>
          <select {...form.text('kind')}>
            {DEVICE_KINDS.map((k) => (
              <option key={k} value={k}>
                {a(`kind_${k}`)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={a('deviceName')}>
          <input {...form.text('name')} maxLength={100} />
        </FormField>
        {kind === 'counter' && (
          <FormField label={a('colCounter')}>
            <select {...form.text('counterId')}>
              <option value="">{a('noCounter')}</option>
              {counters.map((c) => (
                <option key={c.id} value={c.id}>
                  {a('counterLabel', { number: c.number })}
                </option>
              ))}
            </select>
          </FormField>
        )}
        {kind === 'display' && (
          <FormField label={a('zone')}>
            <input {...form.text('zone')} maxLength={40} />
          </FormField>
        )}
        <button type="submit" className="a-button" disabled={busy} data-testid="pairing-create">
          {a('createCode')}
        </button>
      </div>
      <ErrorLine message={error} />
      {result && (
        <p className="a-pairing__code" data-testid="pairing-code">
          <span>{a('pairingCode')}:</span> <strong>{result.code}</strong>{' '}
          <span className="a-muted">
            {a('pairingExpires', { time: formatClock(new Date(result.expiresAt), language, timeZone).time })}
          </span>
        </p>
      )}
    </form>
  );
}

export function DeviceForm({
  device,
  counters,
  onSave,
  onClose,
}: {
  device: DeviceInfo;
  counters: AdminCounter[];
  onSave: (body: Record<string, unknown>) => Promise<void>;
  onClose: () => void;
}) {
  const { a } = useAdminI18n();
  const form = useForm({ name: device.name, zone: device.zone ?? '', counterId: device.counterId ?? '' });
  const { busy, error, submit } = useSubmit(onClose, { ...baseLabels(a), name: a('deviceName') });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = { name: form.values.name };
    if (device.kind === 'display') body.zone = form.values.zone;
    if (device.kind === 'counter') body.counterId = form.values.counterId || null;
    void submit(UpdateDeviceRequest, body, () => onSave(body));
  };
  return (
    <Dialog title={a('editDevice', { name: device.name })} testId="device-form" onClose={onClose}>
      <form className="a-form" onSubmit={onSubmit} noValidate>
        <FormField label={a('deviceName')} wide>
          <input {...form.text('name')} maxLength={100} />
        </FormField>
        {device.kind === 'display' && (
          <FormField label={a('zone')} wide>
            <input {...form.text('zone')} maxLength={40} />
          </FormField>
        )}
        {device.kind === 'counter' && (
          <FormField label={a('colCounter')} wide>
            <select {...form.text('counterId')}>
              <option value="">{a('noCounter')}</option>
              {counters.map((c) => (
                <option key={c.id} value={c.id}>
                  {a('counterLabel', { number: c.number })}
                </option>
              ))}
            </select>
          </FormField>
        )}
        <ErrorLine message={error} />
        <DialogButtons busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function PrinterForm({
  device,
  defaultPrinter,
  onSave,
  onClose,
}: {
  device: DeviceInfo;
  defaultPrinter: string | null;
  onSave: (body: Record<string, unknown>) => Promise<void>;
  onClose: () => void;
}) {
  const { a } = useAdminI18n();
  const form = useForm({
    uri: device.printer?.uri ?? '',
    paper: String(device.printer?.paper ?? 80),
    mode: device.printer?.mode ?? 'raster',
  });
  const { busy, error, submit } = useSubmit(onClose, {
    uri: a('printerUri'),
    paper: a('paper'),
    mode: a('mode'),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const uri = form.values.uri.trim();
    const body = { uri: uri === '' ? null : uri, paper: Number(form.values.paper), mode: form.values.mode };
    void submit(SetPrinterRequest, body, () => onSave(body));
  };
  return (
    <Dialog title={a('editPrinter', { name: device.name })} testId="printer-form" onClose={onClose}>
      <form className="a-form" onSubmit={onSubmit} noValidate>
        <FormField
          label={a('printerUri')}
          hint={a('printerDefaultHint', { uri: defaultPrinter ?? a('noDefaultPrinter') })}
          wide
        >
          <input {...form.text('uri')} placeholder="tcp://192.168.1.50:9100" />
        </FormField>
        <div className="a-form__grid">
          <FormField label={a('paper')}>
            <select {...form.text('paper')}>
              <option value="80">80 mm</option>
              <option value="58">58 mm</option>
            </select>
          </FormField>
          <FormField label={a('mode')}>
            <select {...form.text('mode')}>
              {(['raster', 'text', 'ascii'] as const).map((m) => (
                <option key={m} value={m}>
                  {a(`mode_${m}`)}
                </option>
              ))}
            </select>
          </FormField>
        </div>
        <ErrorLine message={error} />
        <DialogButtons busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

function RevokeDialog({
  device,
  onRevoke,
  onClose,
}: {
  device: DeviceInfo;
  onRevoke: () => Promise<void>;
  onClose: () => void;
}) {
  const { a } = useAdminI18n();
  const { busy, error, submit } = useSubmit(onClose);
  return (
    <Dialog title={a('revoke')} testId="revoke-dialog" onClose={onClose}>
      <form
        className="a-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit(null, null, onRevoke);
        }}
      >
        <p>{a('revokeConfirm', { name: device.name })}</p>
        <ErrorLine message={error} />
        <div className="a-dialog__buttons">
          <button type="button" className="a-button a-button--secondary" onClick={onClose}>
            {a('cancel')}
          </button>
          <button
            type="submit"
            className="a-button a-button--danger"
            disabled={busy}
            data-testid="revoke-confirm"
          >
            {a('revoke')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

type Editing = { kind: 'device' | 'printer' | 'revoke'; device: DeviceInfo } | null;

export function DevicesSection({
  api,
  client,
  timeZone,
}: {
  api: AdminApi;
  client: HubClient;
  timeZone: string;
}) {
  const { a } = useAdminI18n();
  const list = useCatalog(client, ['devices'], () => api.devices());
  const counters = useCatalog(client, ['counters'], () => api.counters());
  const [editing, setEditing] = useState<Editing>(null);
  const close = () => setEditing(null);
  const all = counters.data ?? [];
  return (
    <section data-testid="section-devices">
      <SectionHead title={a('tab_devices')} />
      <PairingForm
        counters={all}
        timeZone={timeZone}
        onCreate={(body) => api.pairingCode(body as PairingCodeRequest)}
      />
      <ErrorLine message={list.error} testId="section-error" />
      {list.data && (
        <DevicesTable
          devices={list.data.devices}
          counters={all}
          defaultPrinter={list.data.defaultPrinter}
          nowMs={Date.now()}
          timeZone={timeZone}
          onEdit={(device) => setEditing({ kind: 'device', device })}
          onPrinter={(device) => setEditing({ kind: 'printer', device })}
          onRevoke={(device) => setEditing({ kind: 'revoke', device })}
        />
      )}
      {editing?.kind === 'device' && (
        <DeviceForm
          device={editing.device}
          counters={all}
          onClose={close}
          onSave={async (body) => {
            await api.updateDevice(editing.device.id, body);
            list.reload();
          }}
        />
      )}
      {editing?.kind === 'printer' && (
        <PrinterForm
          device={editing.device}
          defaultPrinter={list.data?.defaultPrinter ?? null}
          onClose={close}
          onSave={async (body) => {
            // The form checked the body against SetPrinterRequest before saving.
            await api.setPrinter(editing.device.id, body as SetPrinterRequest);
            list.reload();
          }}
        />
      )}
      {editing?.kind === 'revoke' && (
        <RevokeDialog
          device={editing.device}
          onClose={close}
          onRevoke={async () => {
            await api.revokeDevice(editing.device.id);
            list.reload();
          }}
        />
      )}
    </section>
  );
}
