// Counters: number, name, zone, the fields served in call order, the call policy and the RS-485
// addresses of the counter's sign, keypad and rating pad.
import {
  type AdminCounter,
  type AdminService,
  CALL_POLICIES,
  CreateCounterRequest,
  UpdateCounterRequest,
} from '@luot/shared';
import { DataTable, type DataTableColumn, type HubClient } from '@luot/ui';
import { type FormEvent, useState } from 'react';
import type { AdminApi } from '../api.ts';
import { Dialog, DialogButtons, ErrorLine, FormField, SmallButton, useAdminI18n } from '../common.tsx';
import {
  addressValue,
  baseLabels,
  numberOrUndefined,
  SectionHead,
  useCatalog,
  useForm,
  useSubmit,
} from './kit.tsx';

/** Moves `id` one place up (-1) or down (+1) in the list. */
export function move(ids: readonly string[], id: string, by: -1 | 1): string[] {
  const out = [...ids];
  const i = out.indexOf(id);
  const j = i + by;
  if (i < 0 || j < 0 || j >= out.length) return out;
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

export function CountersTable({
  counters,
  services,
  onEdit,
}: {
  counters: AdminCounter[];
  services: AdminService[];
  onEdit: (counter: AdminCounter) => void;
}) {
  const { a } = useAdminI18n();
  const name = (id: string) => services.find((s) => s.id === id)?.name ?? id;
  const addr = (n: number | null) => (n === null ? '—' : String(n));
  const policy = (c: AdminCounter) => a(`policy_${c.callPolicy}`);
  const status = (c: AdminCounter) => (c.active ? a('active') : a('inactive'));
  const columns: DataTableColumn<AdminCounter>[] = [
    {
      key: 'number',
      header: a('counterNumber'),
      align: 'numeric',
      className: 'a-figure',
      cell: (c) => c.number,
      sortValue: (c) => c.number,
    },
    { key: 'name', header: a('counterName'), rowHeader: true, cell: (c) => c.name, sortValue: (c) => c.name },
    { key: 'zone', header: a('zone'), cell: (c) => c.zone, sortValue: (c) => c.zone },
    {
      key: 'fields',
      header: a('fieldsServed'),
      cell: (c) => (
        <ol className="a-inline-list">
          {c.serviceIds.map((id) => (
            <li key={id}>{name(id)}</li>
          ))}
        </ol>
      ),
    },
    { key: 'policy', header: a('callPolicy'), cell: policy, sortValue: policy },
    {
      key: 'rs485',
      header: 'RS-485',
      className: 'a-small',
      cell: (c) =>
        c.deviceAddresses.sign === null && c.deviceAddresses.keypad === null && c.deviceAddresses.pad === null
          ? '—'
          : a('addressShort', {
              sign: addr(c.deviceAddresses.sign),
              keypad: addr(c.deviceAddresses.keypad),
              pad: addr(c.deviceAddresses.pad),
            }),
    },
    { key: 'status', header: a('status'), cell: status, sortValue: status },
    {
      key: 'actions',
      header: a('actions'),
      cell: (c) => (
        <SmallButton testId={`admin-counter-${c.id}-edit`} onClick={() => onEdit(c)}>
          {a('edit')}
        </SmallButton>
      ),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={[...counters].sort((x, y) => x.number - y.number)}
      rowKey={(c) => c.id}
      rowProps={(c) => ({
        'data-testid': `admin-counter-${c.id}`,
        className: c.active ? undefined : 'a-row--inactive',
      })}
      className="a-table"
      testId="admin-counters"
    />
  );
}

export function CounterForm({
  counter,
  services,
  onSave,
  onClose,
}: {
  counter: AdminCounter | null;
  services: AdminService[];
  onSave: (body: Record<string, unknown>) => Promise<void>;
  onClose: () => void;
}) {
  const { a, language } = useAdminI18n();
  const form = useForm({
    number: counter ? String(counter.number) : '',
    name: counter?.name ?? '',
    zone: counter?.zone ?? 'main',
    callPolicy: counter?.callPolicy ?? 'default',
    sign: counter?.deviceAddresses.sign?.toString() ?? '',
    keypad: counter?.deviceAddresses.keypad?.toString() ?? '',
    pad: counter?.deviceAddresses.pad?.toString() ?? '',
    active: counter?.active ?? true,
  });
  const [serviceIds, setServiceIds] = useState<string[]>(counter?.serviceIds ?? []);
  const { busy, error, submit } = useSubmit(onClose, {
    ...baseLabels(a),
    number: a('counterNumber'),
    name: a('counterName'),
    serviceIds: a('fieldsServed'),
    callPolicy: a('callPolicy'),
    sign: a('addressSign'),
    keypad: a('addressKeypad'),
    pad: a('addressPad'),
  });
  const chosen = serviceIds.map((id) => services.find((s) => s.id === id)).filter((s) => s !== undefined);
  const others = services.filter((s) => !serviceIds.includes(s.id));
  const label = (s: AdminService) => (language === 'en' && s.nameEn ? s.nameEn : s.name);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const v = form.values;
    const body = {
      number: numberOrUndefined(v.number),
      name: v.name,
      zone: v.zone,
      serviceIds,
      callPolicy: v.callPolicy,
      deviceAddresses: {
        sign: addressValue(v.sign),
        keypad: addressValue(v.keypad),
        pad: addressValue(v.pad),
      },
      active: v.active,
    };
    void submit(counter ? UpdateCounterRequest : CreateCounterRequest, body, () => onSave(body));
  };
  return (
    <Dialog
      title={counter ? a('editCounter', { number: counter.number }) : a('addCounter')}
      testId="counter-form"
      onClose={onClose}
      wide
    >
      <form className="a-form" onSubmit={onSubmit} noValidate>
        <div className="a-form__grid">
          <FormField label={a('counterNumber')}>
            <input {...form.text('number')} inputMode="numeric" />
          </FormField>
          <FormField label={a('counterName')}>
            <input {...form.text('name')} maxLength={60} />
          </FormField>
          <FormField label={a('zone')}>
            <input {...form.text('zone')} maxLength={40} />
          </FormField>
          <label className="a-check">
            <input type="checkbox" {...form.check('active')} /> {a('active')}
          </label>
        </div>
        <fieldset className="a-fieldset">
          <legend>{a('fieldsServed')}</legend>
          <ol className="a-order" data-testid="counter-services">
            {chosen.map((s, i) => (
              <li key={s.id} data-testid={`counter-service-${s.id}`}>
                <span className="a-order__n">{i + 1}.</span>
                <span className="a-order__name">{label(s)}</span>
                <SmallButton
                  disabled={i === 0}
                  aria-label={`${a('moveUp')}: ${label(s)}`}
                  onClick={() => setServiceIds((ids) => move(ids, s.id, -1))}
                >
                  ↑
                </SmallButton>
                <SmallButton
                  disabled={i === chosen.length - 1}
                  aria-label={`${a('moveDown')}: ${label(s)}`}
                  onClick={() => setServiceIds((ids) => move(ids, s.id, 1))}
                >
                  ↓
                </SmallButton>
                <SmallButton
                  aria-label={`${a('remove')}: ${label(s)}`}
                  onClick={() => setServiceIds((ids) => ids.filter((x) => x !== s.id))}
                >
                  ✕
                </SmallButton>
              </li>
            ))}
          </ol>
          <div className="a-chips">
            {others.map((s) => (
              <button
                key={s.id}
                type="button"
                className="a-chip"
                data-testid={`counter-add-service-${s.id}`}
                onClick={() => setServiceIds((ids) => [...ids, s.id])}
              >
                + {label(s)}
              </button>
            ))}
          </div>
        </fieldset>
        <fieldset className="a-fieldset">
          <legend>{a('callPolicy')}</legend>
          {CALL_POLICIES.map((p) => (
            <label key={p} className="a-check">
              <input
                type="radio"
                name="callPolicy"
                value={p}
                checked={form.values.callPolicy === p}
                data-testid={`input-callPolicy-${p}`}
                onChange={() => form.set('callPolicy', p)}
              />{' '}
              {a(`policy_${p}`)}
            </label>
          ))}
        </fieldset>
        <div className="a-form__grid">
          <FormField label={a('addressSign')} hint={a('addressHint')}>
            <input {...form.text('sign')} inputMode="numeric" />
          </FormField>
          <FormField label={a('addressKeypad')} hint={a('addressHint')}>
            <input {...form.text('keypad')} inputMode="numeric" />
          </FormField>
          <FormField label={a('addressPad')} hint={a('addressHint')}>
            <input {...form.text('pad')} inputMode="numeric" />
          </FormField>
        </div>
        <ErrorLine message={error} />
        <DialogButtons busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function CountersSection({ api, client }: { api: AdminApi; client: HubClient }) {
  const { a } = useAdminI18n();
  const counters = useCatalog(client, ['counters'], () => api.counters());
  const services = useCatalog(client, ['services'], () => api.services());
  const [editing, setEditing] = useState<{ counter: AdminCounter | null } | null>(null);
  return (
    <section data-testid="section-counters">
      <SectionHead
        title={a('tab_counters')}
        addLabel={a('addCounter')}
        addTestId="admin-add-counter"
        onAdd={() => setEditing({ counter: null })}
      />
      <ErrorLine message={counters.error ?? services.error} testId="section-error" />
      {counters.data && services.data && (
        <CountersTable
          counters={counters.data}
          services={services.data}
          onEdit={(counter) => setEditing({ counter })}
        />
      )}
      {editing && services.data && (
        <CounterForm
          counter={editing.counter}
          services={services.data}
          onClose={() => setEditing(null)}
          onSave={async (body) => {
            await api.saveCounter(editing.counter?.id ?? null, body);
            counters.reload();
          }}
        />
      )}
    </section>
  );
}
