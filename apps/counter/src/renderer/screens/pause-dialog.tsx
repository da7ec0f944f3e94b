// The pause dialog: why the counter pauses (the reason is shown on the director's board).
import { useEffect, useRef, useState } from 'react';
import { useCounterI18n } from '../common.tsx';
import type { CounterStrings } from '../strings.ts';
import { PAUSE_REASONS, type PauseReason } from '../work.ts';
import { DialogFrame } from './dialog-frame.tsx';

const PAUSE_LABELS: Record<PauseReason, keyof CounterStrings> = {
  break: 'reasonBreak',
  meeting: 'reasonMeeting',
  other: 'reasonOther',
};

export function PauseDialog({
  busy,
  onConfirm,
  onCancel,
}: {
  busy: boolean;
  onConfirm: (reason: PauseReason) => void;
  onCancel: () => void;
}) {
  const { c } = useCounterI18n();
  const [reason, setReason] = useState<PauseReason>('break');
  const firstRef = useRef<HTMLButtonElement>(null);
  useEffect(() => firstRef.current?.focus(), []);
  return (
    <DialogFrame
      testId="pause-dialog"
      title={c('pauseTitle')}
      onCancel={onCancel}
      onSubmit={() => !busy && onConfirm(reason)}
    >
      <fieldset className="c-choices c-choices--column">
        <legend>{c('reason')}</legend>
        {PAUSE_REASONS.map((r, i) => (
          <button
            key={r}
            ref={i === 0 ? firstRef : undefined}
            type="button"
            className={`c-choice${reason === r ? ' c-choice--on' : ''}`}
            aria-pressed={reason === r}
            data-testid={`pause-reason-${r}`}
            onClick={() => setReason(r)}
          >
            {c(PAUSE_LABELS[r])}
          </button>
        ))}
      </fieldset>
      <div className="c-dialog__buttons">
        <button type="button" className="c-btn c-btn--ghost" data-testid="pause-cancel" onClick={onCancel}>
          {c('cancel')}
        </button>
        <button type="submit" className="c-btn c-btn--primary" data-testid="pause-confirm" disabled={busy}>
          {c('pause')}
        </button>
      </div>
    </DialogFrame>
  );
}
