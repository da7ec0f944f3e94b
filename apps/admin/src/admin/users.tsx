// Users: add, change name and role, deactivate (signs them out everywhere), reset a password.
import {
  type AdminUser,
  CreateUserRequest,
  passwordProblem,
  ResetPasswordRequest,
  ROLES,
  type Role,
  UpdateUserRequest,
} from '@luot/shared';
import { DataTable, type DataTableColumn, type HubClient } from '@luot/ui';
import { type FormEvent, useState } from 'react';
import type { AdminApi } from '../api.ts';
import { Dialog, DialogButtons, ErrorLine, FormField, SmallButton, useAdminI18n } from '../common.tsx';
import { SectionHead, useCatalog, useForm, useSubmit } from './kit.tsx';

export function UsersTable({
  users,
  selfId,
  onEdit,
  onReset,
  onActive,
}: {
  users: AdminUser[];
  selfId: string | null;
  onEdit: (user: AdminUser) => void;
  onReset: (user: AdminUser) => void;
  onActive: (user: AdminUser, active: boolean) => void;
}) {
  const { a } = useAdminI18n();
  const text = (value: (u: AdminUser) => string): Pick<DataTableColumn<AdminUser>, 'cell' | 'sortValue'> => ({
    cell: value,
    sortValue: value,
  });
  const columns: DataTableColumn<AdminUser>[] = [
    { key: 'username', header: a('username'), ...text((u) => u.username) },
    { key: 'displayName', header: a('displayName'), rowHeader: true, ...text((u) => u.displayName) },
    { key: 'role', header: a('role'), ...text((u) => a(`role_${u.role}`)) },
    {
      key: 'counter',
      header: a('colCounter'),
      cell: (u) => u.counterId ?? '—',
      sortValue: (u) => u.counterId,
    },
    { key: 'status', header: a('status'), ...text((u) => (u.active ? a('active') : a('locked'))) },
    {
      key: 'actions',
      header: a('actions'),
      className: 'a-actions',
      cell: (u) => (
        <div>
          <SmallButton testId={`admin-user-${u.username}-edit`} onClick={() => onEdit(u)}>
            {a('edit')}
          </SmallButton>
          <SmallButton testId={`admin-user-${u.username}-reset`} onClick={() => onReset(u)}>
            {a('resetPassword')}
          </SmallButton>
          {u.id !== selfId && (
            <SmallButton
              danger={u.active}
              testId={`admin-user-${u.username}-${u.active ? 'deactivate' : 'activate'}`}
              onClick={() => onActive(u, !u.active)}
            >
              {u.active ? a('deactivate') : a('activate')}
            </SmallButton>
          )}
        </div>
      ),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={users}
      rowKey={(u) => u.id}
      rowProps={(u) => ({
        'data-testid': `admin-user-${u.username}`,
        className: u.active ? undefined : 'a-row--inactive',
      })}
      className="a-table"
      testId="admin-users"
    />
  );
}

function RoleSelect({ value, onChange }: { value: Role; onChange: (role: Role) => void }) {
  const { a } = useAdminI18n();
  return (
    <select value={value} data-testid="input-role" onChange={(e) => onChange(e.target.value as Role)}>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {a(`role_${r}`)}
        </option>
      ))}
    </select>
  );
}

export function UserForm({
  user,
  onSave,
  onClose,
}: {
  user: AdminUser | null;
  onSave: (body: Record<string, unknown>) => Promise<void>;
  onClose: () => void;
}) {
  const { a } = useAdminI18n();
  const form = useForm({
    username: user?.username ?? '',
    displayName: user?.displayName ?? '',
    role: (user?.role ?? 'officer') as string,
    password: '',
  });
  const { busy, error, setError, submit } = useSubmit(onClose, {
    username: a('username'),
    displayName: a('displayName'),
    role: a('role'),
    password: a('newPassword'),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const v = form.values;
    if (user) {
      const body = { displayName: v.displayName, role: v.role };
      void submit(UpdateUserRequest, body, () => onSave(body));
    } else {
      const body = { username: v.username, displayName: v.displayName, role: v.role, password: v.password };
      const problem = passwordProblem(v.password, v.username);
      if (problem) return setError(a(`password_${problem}`));
      void submit(CreateUserRequest, body, () => onSave(body));
    }
  };
  return (
    <Dialog
      title={user ? a('editUser', { username: user.username }) : a('addUser')}
      testId="user-form"
      onClose={onClose}
    >
      <form className="a-form" onSubmit={onSubmit} noValidate>
        <div className="a-form__grid">
          {!user && (
            <FormField label={a('username')}>
              <input {...form.text('username')} autoComplete="off" />
            </FormField>
          )}
          <FormField label={a('displayName')}>
            <input {...form.text('displayName')} />
          </FormField>
          <FormField label={a('role')}>
            <RoleSelect value={form.values.role as Role} onChange={(r) => form.set('role', r)} />
          </FormField>
          {!user && (
            <FormField label={a('newPassword')}>
              <input type="password" {...form.text('password')} autoComplete="new-password" />
            </FormField>
          )}
        </div>
        <ErrorLine message={error} />
        <DialogButtons busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function PasswordForm({
  user,
  onSave,
  onClose,
}: {
  user: AdminUser;
  onSave: (password: string) => Promise<void>;
  onClose: () => void;
}) {
  const { a } = useAdminI18n();
  const [password, setPassword] = useState('');
  const { busy, error, setError, submit } = useSubmit(onClose, { password: a('newPassword') });
  return (
    <Dialog
      title={a('resetPasswordFor', { username: user.username })}
      testId="password-form"
      onClose={onClose}
    >
      <form
        className="a-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const problem = passwordProblem(password, user.username);
          if (problem) return setError(a(`password_${problem}`));
          void submit(ResetPasswordRequest, { password }, () => onSave(password));
        }}
      >
        <FormField label={a('newPassword')} wide>
          <input
            type="password"
            value={password}
            autoComplete="new-password"
            data-testid="input-password"
            onChange={(e) => setPassword(e.target.value)}
          />
        </FormField>
        <ErrorLine message={error} />
        <DialogButtons busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

type Editing = { kind: 'user'; user: AdminUser | null } | { kind: 'password'; user: AdminUser } | null;

export function UsersSection({
  api,
  client,
  selfId,
}: {
  api: AdminApi;
  client: HubClient;
  selfId: string | null;
}) {
  const { a } = useAdminI18n();
  const list = useCatalog(client, ['users'], () => api.users());
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <section data-testid="section-users">
      <SectionHead
        title={a('tab_users')}
        addLabel={a('addUser')}
        addTestId="admin-add-user"
        onAdd={() => setEditing({ kind: 'user', user: null })}
      />
      <ErrorLine message={list.error ?? error} testId="section-error" />
      {notice && (
        <p className="a-notice" role="status" data-testid="section-notice">
          {notice}
        </p>
      )}
      {list.data && (
        <UsersTable
          users={list.data}
          selfId={selfId}
          onEdit={(user) => setEditing({ kind: 'user', user })}
          onReset={(user) => setEditing({ kind: 'password', user })}
          onActive={(user, active) => {
            setError(null);
            api
              .updateUser(user.id, { active })
              .then(() => list.reload())
              .catch((err: Error) => setError(err.message));
          }}
        />
      )}
      {editing?.kind === 'user' && (
        <UserForm
          user={editing.user}
          onClose={() => setEditing(null)}
          onSave={async (body) => {
            // The form checked the body against its request schema before saving.
            if (editing.user) await api.updateUser(editing.user.id, body);
            else await api.createUser(body as CreateUserRequest);
            setNotice(a('saved'));
            list.reload();
          }}
        />
      )}
      {editing?.kind === 'password' && (
        <PasswordForm
          user={editing.user}
          onClose={() => setEditing(null)}
          onSave={async (password) => {
            await api.resetPassword(editing.user.id, password);
            setNotice(a('passwordReset'));
          }}
        />
      )}
    </section>
  );
}
