// Fields (lĩnh vực) and their procedures: every one, inactive ones too, added and edited here.
import {
  type AdminProcedure,
  type AdminService,
  CreateProcedureRequest,
  CreateServiceRequest,
  UpdateProcedureRequest,
  UpdateServiceRequest,
} from '@luot/shared';
import { DataTable, type DataTableColumn, type HubClient } from '@luot/ui';
import { type FormEvent, useState } from 'react';
import type { AdminApi } from '../api.ts';
import { Dialog, DialogButtons, ErrorLine, FormField, SmallButton, useAdminI18n } from '../common.tsx';
import { baseLabels, numberOrUndefined, SectionHead, useCatalog, useForm, useSubmit } from './kit.tsx';

export function FieldsTable({
  services,
  open,
  onEdit,
  onToggle,
  onAddProcedure,
  onEditProcedure,
}: {
  services: AdminService[];
  open: string | null;
  onEdit: (service: AdminService) => void;
  onToggle: (serviceId: string) => void;
  onAddProcedure: (service: AdminService) => void;
  onEditProcedure: (service: AdminService, procedure: AdminProcedure) => void;
}) {
  const { a, language } = useAdminI18n();
  const name = (s: AdminService) => (language === 'en' && s.nameEn ? s.nameEn : s.name);
  const status = (s: AdminService) => (s.active ? a('active') : a('inactive'));
  const columns: DataTableColumn<AdminService>[] = [
    { key: 'code', header: a('code'), cell: (s) => s.code, sortValue: (s) => s.code },
    { key: 'name', header: a('colField'), rowHeader: true, cell: name, sortValue: name },
    { key: 'prefix', header: a('prefix'), cell: (s) => s.prefix || '—', sortValue: (s) => s.prefix },
    {
      key: 'range',
      header: `${a('numberStart')}–${a('numberEnd').toLowerCase()}`,
      align: 'numeric',
      cell: (s) => `${s.start}–${s.end}`,
      sortValue: (s) => s.start,
    },
    { key: 'status', header: a('status'), cell: status, sortValue: status },
    {
      key: 'actions',
      header: a('actions'),
      className: 'a-actions',
      cell: (s) => (
        <div>
          <SmallButton testId={`admin-field-${s.id}-edit`} onClick={() => onEdit(s)}>
            {a('edit')}
          </SmallButton>
          <SmallButton
            aria-expanded={open === s.id}
            testId={`admin-field-${s.id}-procedures`}
            onClick={() => onToggle(s.id)}
          >
            {a('procedures', { count: s.procedures.length })} {open === s.id ? '▲' : '▼'}
          </SmallButton>
        </div>
      ),
    },
  ];
  const procedures = (s: AdminService) => (
    <>
      <ul className="a-procedures" data-testid={`admin-procedures-${s.id}`}>
        {s.procedures.map((p) => (
          <li key={p.id} className={p.active ? undefined : 'a-row--inactive'}>
            <span className="a-procedures__code">{p.code ?? '—'}</span>
            <span className="a-procedures__name">{language === 'en' && p.nameEn ? p.nameEn : p.name}</span>
            {!p.active && <span className="a-tag">{a('inactive')}</span>}
            <SmallButton testId={`admin-procedure-${p.id}-edit`} onClick={() => onEditProcedure(s, p)}>
              {a('edit')}
            </SmallButton>
          </li>
        ))}
      </ul>
      <SmallButton primary testId={`admin-field-${s.id}-add-procedure`} onClick={() => onAddProcedure(s)}>
        + {a('addProcedure')}
      </SmallButton>
    </>
  );
  return (
    <DataTable
      columns={columns}
      rows={services}
      rowKey={(s) => s.id}
      rowProps={(s) => ({
        'data-testid': `admin-field-${s.id}`,
        className: s.active ? undefined : 'a-row--inactive',
      })}
      rowDetail={(s) => (open === s.id ? procedures(s) : null)}
      rowDetailClassName="a-subrow"
      className="a-table"
      testId="admin-fields"
    />
  );
}

export function ServiceForm({
  service,
  onSave,
  onClose,
}: {
  service: AdminService | null;
  onSave: (body: Record<string, unknown>) => Promise<void>;
  onClose: () => void;
}) {
  const { a } = useAdminI18n();
  const form = useForm({
    code: service?.code ?? '',
    name: service?.name ?? '',
    nameEn: service?.nameEn ?? '',
    prefix: service?.prefix ?? '',
    start: String(service?.start ?? 1),
    end: String(service?.end ?? 999),
    icon: service?.icon ?? '',
    active: service?.active ?? true,
  });
  const { busy, error, submit } = useSubmit(onClose, {
    ...baseLabels(a),
    prefix: a('prefix'),
    start: a('numberStart'),
    end: a('numberEnd'),
    icon: a('icon'),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const v = form.values;
    const body = {
      code: v.code,
      name: v.name,
      nameEn: v.nameEn,
      prefix: v.prefix,
      start: numberOrUndefined(v.start),
      end: numberOrUndefined(v.end),
      icon: v.icon,
      active: v.active,
    };
    void submit(service ? UpdateServiceRequest : CreateServiceRequest, body, () => onSave(body));
  };
  return (
    <Dialog
      title={service ? a('editField', { name: service.name }) : a('addField')}
      testId="field-form"
      onClose={onClose}
    >
      <form className="a-form" onSubmit={onSubmit} noValidate>
        <div className="a-form__grid">
          <FormField label={a('code')}>
            <input {...form.text('code')} required maxLength={32} />
          </FormField>
          <FormField label={a('prefix')}>
            <input {...form.text('prefix')} maxLength={3} />
          </FormField>
          <FormField label={a('name')} wide>
            <input {...form.text('name')} required maxLength={100} />
          </FormField>
          <FormField label={a('nameEn')} wide>
            <input {...form.text('nameEn')} maxLength={100} />
          </FormField>
          <FormField label={a('numberStart')}>
            <input {...form.text('start')} inputMode="numeric" />
          </FormField>
          <FormField label={a('numberEnd')}>
            <input {...form.text('end')} inputMode="numeric" />
          </FormField>
          <FormField label={a('icon')}>
            <input {...form.text('icon')} maxLength={40} />
          </FormField>
          <label className="a-check">
            <input type="checkbox" {...form.check('active')} /> {a('active')}
          </label>
        </div>
        <ErrorLine message={error} />
        <DialogButtons busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function ProcedureForm({
  procedure,
  onSave,
  onClose,
}: {
  procedure: AdminProcedure | null;
  onSave: (body: Record<string, unknown>) => Promise<void>;
  onClose: () => void;
}) {
  const { a } = useAdminI18n();
  const form = useForm({
    code: procedure?.code ?? '',
    name: procedure?.name ?? '',
    nameEn: procedure?.nameEn ?? '',
    active: procedure?.active ?? true,
  });
  const { busy, error, submit } = useSubmit(onClose, { ...baseLabels(a), code: a('procedureCode') });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = { ...form.values };
    void submit(procedure ? UpdateProcedureRequest : CreateProcedureRequest, body, () => onSave(body));
  };
  return (
    <Dialog
      title={procedure ? a('editProcedure', { name: procedure.name }) : a('addProcedure')}
      testId="procedure-form"
      onClose={onClose}
      wide
    >
      <form className="a-form" onSubmit={onSubmit} noValidate>
        <div className="a-form__grid">
          <FormField label={a('procedureCode')} wide>
            <input {...form.text('code')} maxLength={40} />
          </FormField>
          <FormField label={a('name')} wide>
            <textarea {...form.text('name')} rows={2} maxLength={300} />
          </FormField>
          <FormField label={a('nameEn')} wide>
            <textarea {...form.text('nameEn')} rows={2} maxLength={300} />
          </FormField>
          <label className="a-check">
            <input type="checkbox" {...form.check('active')} /> {a('active')}
          </label>
        </div>
        <ErrorLine message={error} />
        <DialogButtons busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

type Editing =
  | { kind: 'service'; service: AdminService | null }
  | { kind: 'procedure'; service: AdminService; procedure: AdminProcedure | null }
  | null;

export function FieldsSection({ api, client }: { api: AdminApi; client: HubClient }) {
  const { a } = useAdminI18n();
  const list = useCatalog(client, ['services'], () => api.services());
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const close = () => setEditing(null);
  return (
    <section data-testid="section-fields">
      <SectionHead
        title={a('tab_fields')}
        addLabel={a('addField')}
        addTestId="admin-add-field"
        onAdd={() => setEditing({ kind: 'service', service: null })}
      />
      <ErrorLine message={list.error} testId="section-error" />
      {list.data && (
        <FieldsTable
          services={list.data}
          open={open}
          onEdit={(service) => setEditing({ kind: 'service', service })}
          onToggle={(id) => setOpen((o) => (o === id ? null : id))}
          onAddProcedure={(service) => setEditing({ kind: 'procedure', service, procedure: null })}
          onEditProcedure={(service, procedure) => setEditing({ kind: 'procedure', service, procedure })}
        />
      )}
      {editing?.kind === 'service' && (
        <ServiceForm
          service={editing.service}
          onClose={close}
          onSave={async (body) => {
            await api.saveService(editing.service?.id ?? null, body);
            list.reload();
          }}
        />
      )}
      {editing?.kind === 'procedure' && (
        <ProcedureForm
          procedure={editing.procedure}
          onClose={close}
          onSave={async (body) => {
            await api.saveProcedure(
              editing.procedure ? { procedureId: editing.procedure.id } : { serviceId: editing.service.id },
              body,
            );
            list.reload();
          }}
        />
      )}
    </section>
  );
}
