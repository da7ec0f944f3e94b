// The administration page (admins only): one tab per part of the centre's set-up.
import type { HubClient } from '@luot/ui';
import type { AdminApi } from '../api.ts';
import { useAdminI18n } from '../common.tsx';
import { AuditSection } from './audit.tsx';
import { CentreSection } from './centre.tsx';
import { CountersSection } from './counters.tsx';
import { DevicesSection } from './devices.tsx';
import { FieldsSection } from './fields.tsx';
import { UsersSection } from './users.tsx';

export const ADMIN_TABS = ['fields', 'counters', 'users', 'devices', 'centre', 'audit'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

export function isAdminTab(value: string | undefined): value is AdminTab {
  return (ADMIN_TABS as readonly string[]).includes(value ?? '');
}

export function AdminPage({
  api,
  client,
  tab,
  selfId,
  timeZone,
  onTab,
}: {
  api: AdminApi;
  client: HubClient;
  tab: AdminTab;
  selfId: string | null;
  timeZone: string;
  onTab: (tab: AdminTab) => void;
}) {
  const { a } = useAdminI18n();
  return (
    <div className="a-admin-page" data-testid="admin">
      <nav className="a-subnav" aria-label={a('navAdmin')}>
        {ADMIN_TABS.map((t) => (
          <a
            key={t}
            href={`#/admin/${t}`}
            className="a-subnav__tab"
            aria-current={t === tab ? 'page' : undefined}
            data-testid={`admin-tab-${t}`}
            onClick={() => onTab(t)}
          >
            {a(`tab_${t}`)}
          </a>
        ))}
      </nav>
      {tab === 'fields' && <FieldsSection api={api} client={client} />}
      {tab === 'counters' && <CountersSection api={api} client={client} />}
      {tab === 'users' && <UsersSection api={api} client={client} selfId={selfId} />}
      {tab === 'devices' && <DevicesSection api={api} client={client} timeZone={timeZone} />}
      {tab === 'centre' && <CentreSection api={api} client={client} />}
      {tab === 'audit' && <AuditSection api={api} client={client} timeZone={timeZone} />}
    </div>
  );
}
