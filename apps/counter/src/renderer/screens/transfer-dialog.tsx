// The transfer dialog: to another field or to another counter, with an optional reason.
import type { PublicCounter, PublicTicket, Service } from '@luot/shared';
import { useEffect, useRef, useState } from 'react';
import { useCounterI18n } from '../common.tsx';
import { DialogFrame } from './dialog-frame.tsx';

type TransferTarget = { kind: 'service'; id: string } | { kind: 'counter'; id: string } | null;

export function TransferDialog({
  ticket,
  services,
  counters,
  busy,
  onConfirm,
  onCancel,
}: {
  ticket: PublicTicket;
  services: Service[];
  /** Other counters. */
  counters: PublicCounter[];
  busy: boolean;
  onConfirm: (body: { serviceId?: string; counterId?: string; reason?: string }) => void;
  onCancel: () => void;
}) {
  const { c, language } = useCounterI18n();
  const [target, setTarget] = useState<TransferTarget>(null);
  const [reason, setReason] = useState('');
  const fields = services.filter((s) => s.active && s.id !== ticket.serviceId);
  const ok = target !== null && !busy;
  const submit = () => {
    if (!ok || !target) return;
    const body: { serviceId?: string; counterId?: string; reason?: string } =
      target.kind === 'service' ? { serviceId: target.id } : { counterId: target.id };
    if (reason.trim()) body.reason = reason.trim();
    onConfirm(body);
  };
  const firstRef = useRef<HTMLButtonElement>(null);
  useEffect(() => firstRef.current?.focus(), []);
  return (
    <DialogFrame
      testId="transfer-dialog"
      title={c('transferTitle', { number: ticket.displayNumber })}
      onCancel={onCancel}
      onSubmit={submit}
      wide
    >
      <div className="c-transfer">
        <fieldset className="c-choices">
          <legend>{c('toField')}</legend>
          {fields.map((s, i) => (
            <button
              key={s.id}
              ref={i === 0 ? firstRef : undefined}
              type="button"
              className={`c-choice${target?.kind === 'service' && target.id === s.id ? ' c-choice--on' : ''}`}
              aria-pressed={target?.kind === 'service' && target.id === s.id}
              data-testid={`transfer-service-${s.id}`}
              onClick={() => setTarget({ kind: 'service', id: s.id })}
            >
              {language === 'vi' ? s.name : s.nameEn || s.name}
            </button>
          ))}
        </fieldset>
        <fieldset className="c-choices">
          <legend>{c('toCounter')}</legend>
          {[...counters]
            .sort((a, b) => a.number - b.number)
            .map((x) => (
              <button
                key={x.id}
                type="button"
                className={`c-choice${target?.kind === 'counter' && target.id === x.id ? ' c-choice--on' : ''}`}
                aria-pressed={target?.kind === 'counter' && target.id === x.id}
                data-testid={`transfer-counter-${x.id}`}
                onClick={() => setTarget({ kind: 'counter', id: x.id })}
              >
                {x.name || c('counterLabel', { number: x.number })}
                {x.officer ? ` · ${x.officer.displayName}` : ''}
              </button>
            ))}
        </fieldset>
      </div>
      <label className="c-field">
        <span>{c('reason')}</span>
        <input
          data-testid="transfer-reason"
          value={reason}
          maxLength={200}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <div className="c-dialog__buttons">
        <button type="button" className="c-btn c-btn--ghost" data-testid="transfer-cancel" onClick={onCancel}>
          {c('cancel')}
        </button>
        <button type="submit" className="c-btn c-btn--primary" data-testid="transfer-confirm" disabled={!ok}>
          {c('confirm')}
        </button>
      </div>
    </DialogFrame>
  );
}
