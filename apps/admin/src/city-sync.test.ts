// The director's city line, rendered (react-dom/server): synced, never sent, failing since when and why.
import { markupText, renderMarkup as render } from '@luot/ui/testing';
import { createElement as h } from 'react';
import { describe, expect, it } from 'vitest';
import { CitySyncLine } from './city-sync.tsx';

const text = (html: string) => markupText(html).trim();

const NOW = Date.parse('2026-12-01T03:30:00.000Z'); // 10:30 in Cần Thơ
const TZ = 'Asia/Ho_Chi_Minh';
const link = {
  url: 'http://thanhpho.local:8090',
  centreCode: 'NK',
  ackedSeq: 120,
  lastSentAt: '2026-12-01T03:29:40.000Z',
  lastError: null,
};

describe('the city sync line', () => {
  it('says when the centre last synchronised, in the centre’s time', () => {
    const html = render(h(CitySyncLine, { city: link, nowMs: NOW, timeZone: TZ }));
    expect(text(html)).toBe('Đã đồng bộ với thành phố lúc 10:29');
    expect(html).toContain('role="status"');
    expect(text(render(h(CitySyncLine, { city: link, nowMs: NOW, timeZone: TZ }), 'en'))).toBe(
      'Synchronised with the city at 10:29',
    );
  });

  it('shows how long it has been failing and why, as an alert', () => {
    const failing = {
      ...link,
      lastSentAt: '2026-12-01T01:15:00.000Z',
      lastError: 'the city did not answer (ECONNREFUSED)',
    };
    const html = render(h(CitySyncLine, { city: failing, nowMs: NOW, timeZone: TZ }));
    expect(html).toContain('role="alert"');
    expect(html).toContain('a-city-sync--failing');
    expect(text(html)).toBe(
      'Chưa gửi được báo cáo lên thành phố (lần gửi được gần nhất: 08:15, 2 giờ 15 phút trước). Lý do: máy chủ thành phố không trả lời (ECONNREFUSED)',
    );
  });

  it('gives a refused signature and other answers in the reader’s language, unknown reasons as they are', () => {
    const at = (lastError: string, language: 'vi' | 'en' = 'vi') =>
      text(
        render(
          h(CitySyncLine, { city: { ...link, lastSentAt: null, lastError }, nowMs: NOW, timeZone: TZ }),
          language,
        ),
      );
    expect(at('the city answered 401: signature: bad signature')).toBe(
      'Chưa gửi được báo cáo lên thành phố. Lý do: thành phố không nhận chữ ký của trung tâm (mã 401); hãy xin mã đăng ký mới',
    );
    expect(at('the city answered 503')).toBe(
      'Chưa gửi được báo cáo lên thành phố. Lý do: thành phố trả lời lỗi 503',
    );
    expect(at('the city did not answer (ETIMEDOUT)', 'en')).toBe(
      'Reports are not reaching the city. Reason: the city server does not answer (ETIMEDOUT)',
    );
    expect(at('this hub could not make its report: disk I/O error')).toBe(
      'Chưa gửi được báo cáo lên thành phố. Lý do: this hub could not make its report: disk I/O error',
    );
  });

  it('says so before the first report, and nothing when not joined', () => {
    expect(
      text(render(h(CitySyncLine, { city: { ...link, lastSentAt: null }, nowMs: NOW, timeZone: TZ }))),
    ).toBe('Đã tham gia hệ thống của thành phố, chưa gửi báo cáo nào');
    expect(render(h(CitySyncLine, { city: null, nowMs: NOW, timeZone: TZ }))).toBe('');
  });
});
