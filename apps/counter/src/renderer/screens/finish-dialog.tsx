// The finish picker: the procedures handled (searched with or without diacritics) and a note.
import type { PublicTicket, Service } from '@luot/shared';
import { Search } from 'lucide-react';
import { useState } from 'react';
import { useCounterI18n } from '../common.tsx';
import { canFinish, finishBody, searchProcedures, toggleProcedure } from '../work.ts';
import { DialogFrame } from './dialog-frame.tsx';

export function FinishDialog({
  ticket,
  service,
  busy,
  onConfirm,
  onCancel,
  initialChosen = [],
  initialQuery = '',
}: {
  ticket: PublicTicket;
  service: Service | undefined;
  busy: boolean;
  onConfirm: (body: { procedureIds: string[]; note?: string }) => void;
  onCancel: () => void;
  /** For tests: a starting selection and search. */
  initialChosen?: string[];
  initialQuery?: string;
}) {
  const { c, language } = useCounterI18n();
  const [query, setQuery] = useState(initialQuery);
  const [chosen, setChosen] = useState<string[]>(initialChosen);
  const [note, setNote] = useState('');
  const results = searchProcedures(service, query);
  const ok = canFinish(chosen, note) && !busy;
  const submit = () => {
    if (ok) onConfirm(finishBody(chosen, note));
  };
  return (
    <DialogFrame
      testId="finish-dialog"
      title={c('finishTitle', { number: ticket.displayNumber })}
      onCancel={onCancel}
      onSubmit={submit}
      wide
      hint="finishKeyboardHint"
    >
      <p className="c-dialog__sub">
        {service ? (language === 'vi' ? service.name : service.nameEn || service.name) : ''} ·{' '}
        {c('finishHint')}
      </p>
      <label className="c-search">
        <Search size={24} aria-hidden="true" />
        <input
          data-testid="finish-search"
          aria-label={c('searchProcedure')}
          placeholder={c('searchProcedure')}
          value={query}
          // biome-ignore lint/a11y/noAutofocus: the dialog opens to search
          autoFocus
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            // Enter in the search box picks the first match (Ctrl+Enter confirms).
            if (e.key === 'Enter' && !e.ctrlKey && results[0]) {
              e.preventDefault();
              setChosen((prev) => toggleProcedure(prev, results[0]!.id));
            }
          }}
        />
      </label>
      <ul className="c-procs">
        {results.length === 0 && <li className="c-empty">{c('noProcedures')}</li>}
        {results.map((p) => {
          const on = chosen.includes(p.id);
          return (
            <li key={p.id}>
              <button
                type="button"
                className={`c-proc${on ? ' c-proc--on' : ''}`}
                data-testid={`finish-proc-${p.id}`}
                aria-pressed={on}
                onClick={() => setChosen((prev) => toggleProcedure(prev, p.id))}
              >
                <span className="c-proc__check" aria-hidden="true">
                  {on ? '✓' : ''}
                </span>
                <span>{language === 'vi' ? p.name : p.nameEn || p.name}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <label className="c-field">
        <span>{c('note')}</span>
        <textarea
          data-testid="finish-note"
          value={note}
          maxLength={500}
          rows={2}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <div className="c-dialog__buttons">
        <span className="c-dialog__count" aria-live="polite">
          {chosen.length ? c('chosen', { count: chosen.length }) : c('chooseOne')}
        </span>
        <button type="button" className="c-btn c-btn--ghost" data-testid="finish-cancel" onClick={onCancel}>
          {c('cancel')}
        </button>
        <button type="submit" className="c-btn c-btn--primary" data-testid="finish-confirm" disabled={!ok}>
          {c('confirm')}
        </button>
      </div>
    </DialogFrame>
  );
}
