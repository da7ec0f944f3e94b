// What every counter screen shares: the header frame with the language buttons, the sign-out
// button and a field's name in the current language.
import type { Service } from '@luot/shared';
import { LogOut } from 'lucide-react';
import type { ReactNode } from 'react';
import { LanguageButtons, useCounterI18n } from '../common.tsx';

export function Frame({
  testId,
  title,
  children,
  end,
}: {
  testId: string;
  title: ReactNode;
  children: ReactNode;
  end?: ReactNode;
}) {
  return (
    <section className="c-screen" data-testid={testId}>
      <header className="c-header">
        <div className="c-header__title">{title}</div>
        <div className="c-header__end">
          {end}
          <LanguageButtons />
        </div>
      </header>
      {children}
    </section>
  );
}

export function SignOutButton({ busy, onSignOut }: { busy: boolean; onSignOut: () => void }) {
  const { c } = useCounterI18n();
  return (
    <button
      type="button"
      className="c-btn c-btn--ghost"
      data-testid="btn-sign-out"
      disabled={busy}
      onClick={onSignOut}
    >
      <LogOut size={22} aria-hidden="true" /> {c('signOut')}
    </button>
  );
}

export function serviceName(services: Service[], id: string, language: 'vi' | 'en'): string {
  const s = services.find((x) => x.id === id);
  if (!s) return id;
  return language === 'vi' ? s.name : s.nameEn || s.name;
}
