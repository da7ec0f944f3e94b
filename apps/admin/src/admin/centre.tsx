// The centre: names, address, hotline, opening hours, the notice the wall displays scroll, and
// the director's thresholds (target wait, alerts). Saved with PUT /api/v1/centre.
import { type Centre, type OpeningWindow, UpdateCentreRequest } from '@luot/shared';
import type { HubClient } from '@luot/ui';
import { type FormEvent, useEffect, useState } from 'react';
import type { AdminApi } from '../api.ts';
import { ErrorLine, FormField, SmallButton, type Tx, useAdminI18n } from '../common.tsx';
import { baseLabels, numberOrUndefined, SectionHead, useCatalog, useForm, useSubmit } from './kit.tsx';

/** Monday first, as a Vietnamese week is read. */
const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;

export function HoursEditor({
  windows,
  onChange,
  a,
}: {
  windows: OpeningWindow[];
  onChange: (windows: OpeningWindow[]) => void;
  a: Tx;
}) {
  const update = (i: number, w: Partial<OpeningWindow>) =>
    onChange(windows.map((x, j) => (j === i ? { ...x, ...w } : x)));
  return (
    <fieldset className="a-fieldset" data-testid="hours">
      <legend>{a('openingHours')}</legend>
      {windows.length === 0 && <p className="a-muted">{a('alwaysOpen')}</p>}
      {windows.map((w, i) => (
        <div key={i} className="a-hours" data-testid={`hours-${i}`}>
          <fieldset className="a-chips a-chips--days" aria-label={a('openingHours')}>
            {WEEK.map((d) => (
              <label key={d} className="a-chip a-chip--check">
                <input
                  type="checkbox"
                  checked={w.days.includes(d)}
                  onChange={(e) =>
                    update(i, {
                      days: e.target.checked
                        ? [...w.days, d].sort((x, y) => x - y)
                        : w.days.filter((x) => x !== d),
                    })
                  }
                />
                {a(`day${d}`)}
              </label>
            ))}
          </fieldset>
          <label className="a-inline-field">
            <span>{a('opens')}</span>
            <input
              value={w.open}
              placeholder="07:30"
              maxLength={5}
              size={5}
              inputMode="numeric"
              onChange={(e) => update(i, { open: e.target.value })}
            />
          </label>
          <label className="a-inline-field">
            <span>{a('closes')}</span>
            <input
              value={w.close}
              placeholder="11:30"
              maxLength={5}
              size={5}
              inputMode="numeric"
              onChange={(e) => update(i, { close: e.target.value })}
            />
          </label>
          <SmallButton onClick={() => onChange(windows.filter((_, j) => j !== i))}>{a('remove')}</SmallButton>
        </div>
      ))}
      <SmallButton
        testId="hours-add"
        onClick={() => onChange([...windows, { days: [1, 2, 3, 4, 5], open: '07:30', close: '11:30' }])}
      >
        + {a('addWindow')}
      </SmallButton>
    </fieldset>
  );
}

export function CentreForm({
  centre,
  saved,
  onSave,
}: {
  centre: Centre;
  /** Shows "Đã lưu" (kept by the section: the form is made anew when the centre reloads). */
  saved: boolean;
  onSave: (body: Record<string, unknown>) => Promise<void>;
}) {
  const { a } = useAdminI18n();
  const t = centre.thresholds;
  const initial = {
    name: centre.name,
    nameEn: centre.nameEn,
    address: centre.address,
    hotline: centre.hotline,
    notice: centre.notice ?? '',
    targetWaitMinutes: String(t.targetWaitMinutes),
    alertWaitMinutes: String(t.alertWaitMinutes),
    idleAlertMinutes: String(t.idleAlertMinutes),
    deviceSilentMinutes: String(t.deviceSilentMinutes),
  };
  const form = useForm(initial);
  const [hours, setHours] = useState<OpeningWindow[]>(centre.openingHours);
  const { busy, error, submit } = useSubmit(() => {}, {
    ...baseLabels(a),
    address: a('address'),
    hotline: a('hotline'),
    openingHours: a('openingHours'),
    open: a('opens'),
    close: a('closes'),
    notice: a('notice'),
    targetWaitMinutes: a('targetWait'),
    alertWaitMinutes: a('alertWait'),
    idleAlertMinutes: a('idleAlert'),
    deviceSilentMinutes: a('deviceSilent'),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const v = form.values;
    const body = {
      name: v.name,
      nameEn: v.nameEn,
      address: v.address,
      hotline: v.hotline,
      openingHours: hours,
      notice: v.notice,
      thresholds: {
        targetWaitMinutes: numberOrUndefined(v.targetWaitMinutes),
        alertWaitMinutes: numberOrUndefined(v.alertWaitMinutes),
        idleAlertMinutes: numberOrUndefined(v.idleAlertMinutes),
        deviceSilentMinutes: numberOrUndefined(v.deviceSilentMinutes),
      },
    };
    void submit(UpdateCentreRequest, body, () => onSave(body));
  };
  return (
    <form className="a-form a-card" onSubmit={onSubmit} noValidate data-testid="centre-form">
      <div className="a-form__grid">
        <FormField label={a('centreCode')}>
          <input value={centre.code} readOnly data-testid="input-code" />
        </FormField>
        <FormField label={a('hotline')}>
          <input {...form.text('hotline')} maxLength={40} />
        </FormField>
        <FormField label={a('name')} wide>
          <input {...form.text('name')} maxLength={200} />
        </FormField>
        <FormField label={a('nameEn')} wide>
          <input {...form.text('nameEn')} maxLength={200} />
        </FormField>
        <FormField label={a('address')} wide>
          <input {...form.text('address')} maxLength={300} />
        </FormField>
      </div>
      <HoursEditor windows={hours} onChange={setHours} a={a} />
      <FormField label={a('notice')} hint={a('noticeHint')} wide>
        <textarea {...form.text('notice')} rows={2} maxLength={1000} />
      </FormField>
      <fieldset className="a-fieldset">
        <legend>{a('thresholds')}</legend>
        <div className="a-form__grid a-form__grid--4">
          <FormField label={a('targetWait')}>
            <input {...form.text('targetWaitMinutes')} inputMode="numeric" />
          </FormField>
          <FormField label={a('alertWait')}>
            <input {...form.text('alertWaitMinutes')} inputMode="numeric" />
          </FormField>
          <FormField label={a('idleAlert')}>
            <input {...form.text('idleAlertMinutes')} inputMode="numeric" />
          </FormField>
          <FormField label={a('deviceSilent')}>
            <input {...form.text('deviceSilentMinutes')} inputMode="numeric" />
          </FormField>
        </div>
      </fieldset>
      <ErrorLine message={error} />
      <div className="a-dialog__buttons">
        {saved && (
          <span className="a-notice" role="status" data-testid="centre-saved">
            {a('saved')}
          </span>
        )}
        <button type="submit" className="a-button" disabled={busy} data-testid="centre-save">
          {busy ? a('saving') : a('save')}
        </button>
      </div>
    </form>
  );
}

export function CentreSection({ api, client }: { api: AdminApi; client: HubClient }) {
  const { a } = useAdminI18n();
  const centre = useCatalog(client, ['centre'], () => api.centre());
  // A new form (fresh values) whenever the centre changes, here or from another admin.
  const [version, setVersion] = useState(0);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (centre.data) setVersion((v) => v + 1);
  }, [centre.data]);
  return (
    <section data-testid="section-centre">
      <SectionHead title={a('tab_centre')} />
      <ErrorLine message={centre.error} testId="section-error" />
      {centre.data && (
        <CentreForm
          key={version}
          centre={centre.data}
          saved={saved}
          onSave={async (body) => {
            setSaved(false);
            await api.updateCentre(body);
            setSaved(true);
          }}
        />
      )}
    </section>
  );
}
