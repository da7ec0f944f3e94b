// The audit log: every administration change, newest first, with what it changed.
import type { AuditEntry } from '@luot/shared';
import { DataTable, type DataTableColumn, type HubClient } from '@luot/ui';
import { useEffect, useState } from 'react';
import type { AdminApi } from '../api.ts';
import { ErrorLine, errorText, useAdminI18n } from '../common.tsx';
import { formatTime } from '../format.ts';
import { onCatalogChanged } from '../live.tsx';
import { SectionHead } from './kit.tsx';

export const AUDIT_PAGE = 50;

/** The hub's audit actions in words; an action not listed shows its code. */
export const AUDIT_ACTIONS: Record<string, { vi: string; en: string }> = {
  'service.created': { vi: 'Thêm lĩnh vực', en: 'Field added' },
  'service.updated': { vi: 'Sửa lĩnh vực', en: 'Field changed' },
  'procedure.created': { vi: 'Thêm thủ tục', en: 'Procedure added' },
  'procedure.updated': { vi: 'Sửa thủ tục', en: 'Procedure changed' },
  'counter.created': { vi: 'Thêm quầy', en: 'Counter added' },
  'counter.updated': { vi: 'Sửa quầy', en: 'Counter changed' },
  'user.created': { vi: 'Thêm người dùng', en: 'User added' },
  'user.updated': { vi: 'Sửa người dùng', en: 'User changed' },
  'user.password_reset': { vi: 'Đặt lại mật khẩu', en: 'Password reset' },
  'device.pairing_code': { vi: 'Tạo mã ghép nối', en: 'Pairing code made' },
  'device.updated': { vi: 'Sửa thiết bị', en: 'Device changed' },
  'device.printer': { vi: 'Đổi máy in', en: 'Printer changed' },
  'device.revoked': { vi: 'Thu hồi thiết bị', en: 'Device revoked' },
  'centre.updated': { vi: 'Sửa thông tin trung tâm', en: 'Centre changed' },
};

function show(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  if (typeof value === 'string') return value.length > 60 ? `${value.slice(0, 57)}…` : value;
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}

const plain = (v: unknown) =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** Nested objects as dotted keys: `{thresholds: {alertWaitMinutes: 3}}` -> `thresholds.alertWaitMinutes`. */
function flatten(value: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const inner = plain(v);
    if (inner && Object.keys(inner).length > 0) Object.assign(out, flatten(inner, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = v;
  }
  return out;
}

/**
 * What an entry changed, one line per key ("name: Hộ tịch → Hộ tịch – Chứng thực"; nested keys
 * dotted). A creation is one line of what was set (empty values left out), a removal one line of
 * what was there. Secrets never reach the log, so nothing is hidden here.
 */
export function describeChange(before: unknown, after: unknown): string[] {
  const b = plain(before);
  const c = plain(after);
  if (!b && !c) return before === after ? [] : [`${show(before)} → ${show(after)}`];
  const listed = (o: Record<string, unknown>) =>
    Object.entries(flatten(o))
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => `${k}: ${show(v)}`)
      .join(' · ');
  if (!b) return [listed(c!)];
  if (!c) return [`${listed(b)} → ∅`];
  const fb = flatten(b);
  const fc = flatten(c);
  const keys = [...new Set([...Object.keys(fb), ...Object.keys(fc)])];
  return keys
    .filter((k) => JSON.stringify(fb[k]) !== JSON.stringify(fc[k]))
    .map((k) => `${k}: ${show(fb[k])} → ${show(fc[k])}`);
}

export function AuditTable({ entries, timeZone }: { entries: AuditEntry[]; timeZone: string }) {
  const { a, language } = useAdminI18n();
  if (entries.length === 0) return <p className="a-empty">{a('noEntries')}</p>;
  // The hub's order (newest first, a page at a time): no column sorts a partial log.
  const columns: DataTableColumn<AuditEntry>[] = [
    {
      key: 'time',
      header: a('colTime'),
      className: 'a-nowrap',
      cell: (e) => formatTime(e.at, language, timeZone),
    },
    { key: 'user', header: a('colUser'), cell: (e) => e.username ?? '—' },
    {
      key: 'action',
      header: a('colAction'),
      cell: (e) => (
        <>
          {AUDIT_ACTIONS[e.action]?.[language] ?? e.action}
          <code className="a-audit-code">{e.action}</code>
        </>
      ),
    },
    { key: 'target', header: a('colTarget'), cell: (e) => e.target ?? '—' },
    {
      key: 'change',
      header: a('colChange'),
      cell: (e) => (
        <ul className="a-changes">
          {describeChange(e.before, e.after).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={entries}
      rowKey={(e) => e.id}
      rowProps={(e) => ({ 'data-testid': `audit-${e.id}` })}
      className="a-table a-table--audit"
      testId="admin-audit"
    />
  );
}

export function AuditSection({
  api,
  client,
  timeZone,
}: {
  api: AdminApi;
  client: HubClient;
  timeZone: string;
}) {
  const { a, language } = useAdminI18n();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const first = () =>
      api
        .audit(AUDIT_PAGE)
        .then((list) => {
          setEntries(list);
          setMore(list.length === AUDIT_PAGE);
          setError(null);
        })
        .catch((err) => setError(errorText(err, language)));
    void first();
    // Every admin change is audited: a new entry comes with each catalog:changed.
    return onCatalogChanged(client, () => void first());
  }, [api, client]);

  const older = () => {
    const last = entries.at(-1);
    if (!last) return;
    api
      .audit(AUDIT_PAGE, last.id)
      .then((list) => {
        setEntries((e) => [...e, ...list]);
        setMore(list.length === AUDIT_PAGE);
      })
      .catch((err) => setError(errorText(err, language)));
  };

  return (
    <section data-testid="section-audit">
      <SectionHead title={a('tab_audit')} />
      <ErrorLine message={error} testId="section-error" />
      <AuditTable entries={entries} timeZone={timeZone} />
      {more && (
        <button
          type="button"
          className="a-button a-button--secondary"
          data-testid="audit-older"
          onClick={older}
        >
          {a('older')}
        </button>
      )}
    </section>
  );
}
