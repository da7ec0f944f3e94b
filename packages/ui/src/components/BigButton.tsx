import type { ButtonHTMLAttributes, ReactNode } from 'react';

export type BigButtonVariant = 'primary' | 'secondary' | 'priority' | 'muted';

export interface BigButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children' | 'type'> {
  /** The main text (read by screen readers unless `aria-label` is given). */
  label: string;
  /** A second line: how many wait, "Chưa có quầy mở"… */
  detail?: ReactNode;
  /** An icon (decorative: hidden from screen readers). */
  icon?: ReactNode;
  variant?: BigButtonVariant;
}

/** A full-width touch button, at least 1.5 × the touch target high. */
export function BigButton({ label, detail, icon, variant = 'primary', className, ...rest }: BigButtonProps) {
  const classes = ['luot-big-button', `luot-big-button--${variant}`, className].filter(Boolean).join(' ');
  return (
    <button type="button" className={classes} {...rest}>
      {icon !== undefined && (
        <span className="luot-big-button__icon" aria-hidden="true">
          {icon}
        </span>
      )}
      <span className="luot-big-button__text">
        <span className="luot-big-button__label">{label}</span>
        {detail !== undefined && <span className="luot-big-button__detail">{detail}</span>}
      </span>
    </button>
  );
}
