// What the administration sections share: loading a list (again when an admin anywhere changes
// it), checking a request body with the hub's own schema before sending it, and the form state.
import type { CatalogPart } from '@luot/shared';
import type { HubClient } from '@luot/ui';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { errorText, type Tx, useAdminI18n } from '../common.tsx';
import { onCatalogChanged } from '../live.tsx';

/**
 * The first problem the hub would report for this body, as the hub words it ("end: must be at
 * least start"), or null when the body is acceptable.
 */
export function firstIssue(schema: z.ZodType, body: unknown): string | null {
  const parsed = schema.safeParse(body);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  if (!issue) return 'invalid';
  return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

/** The form's labels by request field name (or the last part of a path: `deviceAddresses.sign` → `sign`). */
export type Labels = Record<string, string>;

/**
 * A problem the schema or the hub named by its field ("end: must be at least start"), said with
 * the label the person sees: "Kiểm tra lại “Số kết thúc”: must be at least start".
 */
export function problemText(message: string, labels: Labels, a: Tx): string {
  const m = /^([A-Za-z]\w*(?:\.\w+)*): (.+)$/s.exec(message);
  if (!m) return message;
  const parts = m[1]!.split('.');
  const label = labels[m[1]!] ?? labels[parts.at(-1)!] ?? labels[parts[0]!];
  return label ? a('checkField', { field: label, message: m[2]! }) : message;
}

/** Labels every form shares (a form adds or overrides its own). */
export function baseLabels(a: Tx): Labels {
  return {
    code: a('code'),
    name: a('name'),
    nameEn: a('nameEn'),
    active: a('status'),
    zone: a('zone'),
    counterId: a('colCounter'),
    kind: a('kind'),
  };
}

/** A form field's text as a number, or undefined when empty (NaN stays NaN: the schema says why). */
export function numberOrUndefined(text: string): number | undefined {
  const t = text.trim();
  return t === '' ? undefined : Number(t);
}

/** An RS-485 address field: empty means no device (null). */
export function addressValue(text: string): number | null {
  const t = text.trim();
  return t === '' ? null : Number(t);
}

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  reload: () => void;
}

/** Loads `load()` now and whenever `catalog:changed` names one of `parts`. */
export function useCatalog<T>(
  client: HubClient,
  parts: readonly CatalogPart[],
  load: () => Promise<T>,
): Loaded<T> {
  const { language } = useAdminI18n();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const languageRef = useRef(language);
  languageRef.current = language;
  const reload = useCallback(() => {
    loadRef
      .current()
      .then((value) => {
        setData(value);
        setError(null);
      })
      .catch((err) => setError(errorText(err, languageRef.current)));
  }, []);
  const key = parts.join(',');
  useEffect(() => {
    reload();
    return onCatalogChanged(client, (event) => {
      if (key.split(',').includes(event.what)) reload();
    });
  }, [client, key, reload]);
  return { data, error, reload };
}

/**
 * One dialog's submit: checks the body with the schema, sends it, closes on success; the error
 * (the schema's, or the hub's 400 naming the field) stays in the dialog otherwise.
 */
export function useSubmit(onDone: () => void, labels: Labels = {}) {
  const { a, language } = useAdminI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (schema: z.ZodType | null, body: unknown, send: () => Promise<unknown>) => {
    const problem = schema ? firstIssue(schema, body) : null;
    if (problem) {
      setError(problemText(problem, labels, a));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await send();
      onDone();
    } catch (err) {
      setError(problemText(errorText(err, language), labels, a));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, submit };
}

/** A record of text inputs. */
export function useForm<T extends Record<string, string | boolean>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const set = <K extends keyof T>(key: K, value: T[K]) => setValues((v) => ({ ...v, [key]: value }));
  const text = (key: keyof T & string) => ({
    value: String(values[key] ?? ''),
    'data-testid': `input-${key}`,
    onChange: (e: { target: { value: string } }) => set(key, e.target.value as T[typeof key]),
  });
  const check = (key: keyof T & string) => ({
    checked: Boolean(values[key]),
    'data-testid': `input-${key}`,
    onChange: (e: { target: { checked: boolean } }) => set(key, e.target.checked as T[typeof key]),
  });
  return { values, set, text, check };
}

/** The section's heading line: its title and an "add" button. */
export function SectionHead({
  title,
  addLabel,
  addTestId,
  onAdd,
}: {
  title: string;
  addLabel?: string;
  addTestId?: string;
  onAdd?: () => void;
}) {
  return (
    <div className="a-section-head">
      <h2 className="a-section-head__title">{title}</h2>
      {onAdd && addLabel && (
        <button type="button" className="a-button" data-testid={addTestId} onClick={onAdd}>
          + {addLabel}
        </button>
      )}
    </div>
  );
}
