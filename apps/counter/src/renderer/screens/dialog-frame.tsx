// The frame of the work screen's dialogs: a modal form; Escape cancels, Ctrl+Enter confirms.
import type { KeyboardEvent, ReactNode } from 'react';
import { useCounterI18n } from '../common.tsx';
import type { CounterStrings } from '../strings.ts';

export function DialogFrame({
  testId,
  title,
  onCancel,
  onSubmit,
  children,
  wide,
  hint = 'keyboardHint',
}: {
  testId: string;
  title: string;
  onCancel: () => void;
  onSubmit: () => void;
  children: ReactNode;
  wide?: boolean;
  hint?: keyof CounterStrings;
}) {
  const { c } = useCounterI18n();
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      onSubmit();
    }
  };
  return (
    <div className="c-overlay">
      <form
        className={`c-dialog${wide ? ' c-dialog--wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
        onKeyDown={onKeyDown}
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <h2 className="c-dialog__title">{title}</h2>
        {children}
        <p className="c-dialog__hint">{c(hint)}</p>
      </form>
    </div>
  );
}
