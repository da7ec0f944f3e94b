// The shared components rendered to HTML (react-dom/server: no DOM needed).
import { createElement as h, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { BigButton } from './components/BigButton.tsx';
import { Clock } from './components/Clock.tsx';
import { ConnectionBanner } from './components/ConnectionBanner.tsx';
import { LanguageToggle } from './components/LanguageToggle.tsx';
import { PairingForm } from './components/PairingForm.tsx';
import { formatClock } from './format.ts';
import { createI18n, type Language } from './i18n.ts';

function render(element: ReactElement, language: Language = 'vi'): string {
  return renderToStaticMarkup(h(I18nextProvider, { i18n: createI18n(language) }, element));
}

describe('formatClock', () => {
  it('formats in Asia/Ho_Chi_Minh, Vietnamese style by default', () => {
    // 02:05 UTC = 09:05 in Vietnam (UTC+7), a Monday.
    const d = new Date('2025-05-12T02:05:09Z');
    expect(formatClock(d)).toEqual({ date: 'Thứ Hai, 12/05/2025', time: '09:05' });
    expect(formatClock(d, 'en')).toEqual({ date: 'Monday, 12 May 2025', time: '09:05' });
  });
  it('changes day at midnight Vietnam time, not UTC', () => {
    expect(formatClock(new Date('2025-05-10T17:30:00Z'))).toEqual({
      date: 'Chủ Nhật, 11/05/2025',
      time: '00:30',
    });
    expect(formatClock(new Date('2025-05-10T16:59:00Z')).date).toBe('Thứ Bảy, 10/05/2025');
  });
});

describe('components', () => {
  it('BigButton is a real button with label, detail and a decorative icon', () => {
    const html = render(
      h(BigButton, { label: 'Hộ tịch', detail: '3 người đang chờ', icon: '👪', variant: 'priority' }),
    );
    expect(html).toMatch(/^<button type="button" class="luot-big-button luot-big-button--priority">/);
    expect(html).toContain('<span class="luot-big-button__icon" aria-hidden="true">👪</span>');
    expect(html).toContain('Hộ tịch');
    expect(html).toContain('3 người đang chờ');
    const disabled = render(
      h(BigButton, { label: 'Đất đai', disabled: true, 'aria-label': 'Đất đai, đóng' }),
    );
    expect(disabled).toContain('disabled=""');
    expect(disabled).toContain('aria-label="Đất đai, đóng"');
  });

  it('Clock shows time and date with an accessible label', () => {
    const html = render(h(Clock, { now: new Date('2025-05-12T02:05:09Z') }));
    expect(html.toLowerCase()).toContain('datetime="2025-05-12t02:05:09.000z"');
    expect(html).toContain('aria-label="Ngày giờ hiện tại: 09:05, Thứ Hai, 12/05/2025"');
    expect(render(h(Clock, { now: new Date('2025-05-12T02:05:09Z') }), 'en')).toContain(
      'Monday, 12 May 2025',
    );
  });

  it('ConnectionBanner is a live region, hidden while online', () => {
    expect(render(h(ConnectionBanner, { state: 'offline' }))).toBe(
      '<div class="luot-banner" role="status" aria-live="polite" data-testid="connection-banner">Mất kết nối, đang kết nối lại…</div>',
    );
    expect(render(h(ConnectionBanner, { state: 'connecting' }))).toContain('Đang kết nối…');
    expect(render(h(ConnectionBanner, { state: 'offline' }), 'en')).toContain(
      'Connection lost, reconnecting…',
    );
    expect(render(h(ConnectionBanner, { state: 'online' }))).toBe(
      '<div class="luot-banner" role="status" aria-live="polite" data-testid="connection-banner" hidden=""></div>',
    );
    // An app adds its own class for placement.
    expect(render(h(ConnectionBanner, { state: 'offline', className: 'k-connection' }))).toContain(
      'class="luot-banner k-connection"',
    );
  });

  it('LanguageToggle names each language in itself and presses the current one', () => {
    const html = render(h(LanguageToggle, {}));
    expect(html).toContain('<fieldset class="luot-language-toggle" aria-label="Chọn ngôn ngữ">');
    expect(html).toContain(
      'lang="vi" data-testid="lang-vi" class="luot-language-toggle__button" aria-pressed="true">Tiếng Việt',
    );
    expect(html).toContain(
      'lang="en" data-testid="lang-en" class="luot-language-toggle__button" aria-pressed="false">English',
    );
    expect(render(h(LanguageToggle, {}), 'en')).toContain('aria-pressed="true">English');
    expect(render(h(LanguageToggle, { className: 'c-lang' }))).toContain(
      '<fieldset class="luot-language-toggle c-lang"',
    );
  });

  it('PairingForm: the code field, a button that waits for a code, the error read out', () => {
    const props = {
      busy: false,
      error: null,
      onSubmit: () => {},
      busyLabel: 'Đang ghép nối…',
      inputId: 'k-pair-code',
      classes: { form: 'f', label: 'l', input: 'i', submit: 's', error: 'e' },
    };
    const html = render(h(PairingForm, props));
    expect(html).toContain('<label class="l" for="k-pair-code">Nhập mã ghép nối</label>');
    expect(html).toContain('id="k-pair-code" class="i" data-testid="pair-code"');
    expect(html).toMatch(/class="s" data-testid="pair-submit" disabled="">Ghép nối</);
    expect(html).not.toContain('role="alert"');
    const failed = render(h(PairingForm, { ...props, busy: true, error: 'Mã không đúng' }));
    expect(failed).toContain('>Đang ghép nối…</button>');
    expect(failed).toContain('<p class="e" role="alert" data-testid="pair-error">Mã không đúng</p>');
  });
});
