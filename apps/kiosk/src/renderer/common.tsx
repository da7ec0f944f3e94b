// Pieces every kiosk screen (and the status page) uses: the language buttons, the connection
// banner, the field and priority icons, and the screen frame.
import type { Priority } from '@luot/shared';
import { ConnectionBanner, type ConnectionState, isLanguage, type Language, LanguageToggle } from '@luot/ui';
import {
  Accessibility,
  Baby,
  Building2,
  CircleHelp,
  FileText,
  HandHeart,
  House,
  Inbox,
  Landmark,
  Laptop,
  type LucideIcon,
  Map as MapIcon,
  Medal,
  PersonStanding,
  Stamp,
  Store,
  Users,
} from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type KioskStrings, kioskText } from './strings.ts';

/** The current language, the shared `t`, and the kiosk's own texts. */
export function useKioskI18n() {
  const { t, i18n } = useTranslation();
  const language: Language = isLanguage(i18n.language) ? i18n.language : 'vi';
  const k = (key: keyof KioskStrings, values?: Record<string, string | number>) =>
    kioskText(language, key, values);
  /** A shared string in the other language (second line under the current one). */
  const other: Language = language === 'vi' ? 'en' : 'vi';
  const tOther = i18n.getFixedT(other);
  return { t, tOther, i18n, language, other, k };
}

/** "Tiếng Việt" / "English": on every screen; a tap never reaches the screen behind it. */
export const LanguageButtons = ({ onChange }: { onChange?: (language: Language) => void }) => (
  <LanguageToggle className="k-lang" onChange={onChange} />
);

/** "Mất kết nối, đang kết nối lại…" across the top while the hub cannot be reached. */
export const ConnectionBar = ({ state }: { state: ConnectionState }) => (
  <ConnectionBanner state={state} className="k-connection" />
);

/** Field icons by the catalogue's icon name; anything unknown gets a document. */
const FIELD_ICONS: Record<string, LucideIcon> = {
  family: Users,
  stamp: Stamp,
  land: MapIcon,
  building: Building2,
  shop: Store,
  care: HandHeart,
  medal: Medal,
  home: House,
  laptop: Laptop,
  inbox: Inbox,
  office: Landmark,
};

export function FieldIcon({ name, size = 72 }: { name: string; size?: number }) {
  const Icon = FIELD_ICONS[name] ?? FileText;
  return <Icon size={size} strokeWidth={2.25} aria-hidden="true" focusable="false" />;
}

const PRIORITY_ICONS: Record<Priority, LucideIcon> = {
  elderly: PersonStanding,
  disabled: Accessibility,
  pregnant: HandHeart,
  child: Baby,
  merit: Medal,
};

export function PriorityIcon({ priority, size = 72 }: { priority: Priority; size?: number }) {
  const Icon = PRIORITY_ICONS[priority];
  return <Icon size={size} strokeWidth={2.25} aria-hidden="true" focusable="false" />;
}

export function UnsureIcon({ size = 64 }: { size?: number }) {
  return <CircleHelp size={size} strokeWidth={2.25} aria-hidden="true" focusable="false" />;
}

/** A screen: its root carries the test id; the header has the title and the language buttons. */
export function ScreenFrame({
  testId,
  title,
  className,
  onClick,
  children,
  aside,
}: {
  testId: string;
  title: ReactNode;
  className?: string;
  onClick?: () => void;
  children: ReactNode;
  /** Header content before the title (a back button). */
  aside?: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: the idle screen is one big touch target; keyboards use its start button
    <section
      className={['k-screen', className].filter(Boolean).join(' ')}
      data-testid={testId}
      onClick={onClick}
    >
      <header className={`k-header${aside ? ' k-header--with-start' : ''}`}>
        {aside && <div className="k-header__start">{aside}</div>}
        <div className="k-header__title">{title}</div>
        <LanguageButtons />
      </header>
      {children}
    </section>
  );
}
