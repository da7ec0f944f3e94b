// The screens rendered to HTML (react-dom/server, no DOM): what a citizen reads, and the test ids
// the end-to-end tests use.
import { createI18n } from '@luot/ui';
import { createElement as h, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { EnglishContext } from './common.tsx';
import { type CallEntry, callFromEvent, counterView } from './derive.ts';
import { readNotice } from './hooks.ts';
import {
  CounterTopScreen,
  gridColumns,
  HallScreen,
  type HallScreenProps,
  SoundButton,
  tickerSeconds,
} from './screens.tsx';
import { called, counter, ticket } from './test-fixtures.ts';

function render(element: ReactElement, english = false): string {
  return renderToStaticMarkup(
    h(I18nextProvider, { i18n: createI18n('vi') }, h(EnglishContext.Provider, { value: english }, element)),
  );
}

/** Visible text, tags stripped, whitespace collapsed. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** The markup from the element with this test id's content on (to the end of the page). */
const between = (html: string, testId: string) => {
  const start = html.indexOf(`data-testid="${testId}"`);
  return start < 0 ? '' : html.slice(html.indexOf('>', start) + 1);
};

const latest: CallEntry = callFromEvent(called('1012', 3, { seq: 40 }));
const recent = [called('1011', 2, { seq: 39 }), called('2005', 1, { seq: 38 })].map(callFromEvent);

function hall(over: Partial<HallScreenProps> = {}): HallScreenProps {
  return {
    centreName: 'Trung tâm Phục vụ hành chính công phường Ninh Kiều',
    timeZone: 'Asia/Ho_Chi_Minh',
    notice: 'Giờ làm việc: 7:00–11:30, 13:00–17:00',
    latest,
    recent,
    recentSlots: 5,
    counters: [
      counterView(counter(1, { currentTicket: ticket({ displayNumber: '2005', status: 'serving' }) })),
      counterView(counter(2, { state: 'paused' })),
      counterView(counter(3, { currentTicket: ticket({ status: 'called' }) })),
      counterView(counter(4, { state: 'closed' })),
      counterView(counter(5)),
    ],
    fields: [
      { id: 'hotich', name: 'Hộ tịch', nameEn: 'Civil status', waiting: 4 },
      { id: 'datdai', name: 'Đất đai', nameEn: 'Land', waiting: 0 },
    ],
    media: null,
    mediaBase: '',
    mediaImageMs: 10_000,
    now: new Date('2025-05-12T02:05:09Z'),
    ...over,
  };
}

describe('hall screen', () => {
  it('shows the latest call very large, with its counter', () => {
    const html = render(h(HallScreen, hall()));
    expect(text(between(html, 'latest-call'))).toMatch(/^Mời số 1012 Quầy 3/);
    expect(html).toContain('data-testid="latest-number" style="--d-chars:4"');
    expect(html).toContain('class="d-latest__call d-flash"');
    expect(html).not.toContain('latest-recall');
  });

  it('marks a recall', () => {
    const html = render(h(HallScreen, hall({ latest: { ...latest, recall: true } })));
    expect(text(between(html, 'latest-recall'))).toMatch(/^Gọi lại/);
  });

  it('lists the calls before it, newest first', () => {
    const html = render(h(HallScreen, hall()));
    expect(text(between(html, 'recent-calls'))).toMatch(/^1011 Quầy 2 2005 Quầy 1/);
    expect([...html.matchAll(/data-testid="recent-call"/g)]).toHaveLength(2);
  });

  it('shows each counter with its number, or its state when it has none', () => {
    const html = render(h(HallScreen, hall()));
    expect(html).toContain('data-testid="counter-1" data-state="open"');
    expect(text(between(html, 'counter-1-number'))).toMatch(/^2005/);
    expect(text(between(html, 'counter-2-state'))).toMatch(/^Tạm dừng/);
    expect(html).toContain('data-testid="counter-2" data-state="paused"');
    expect(text(between(html, 'counter-4-state'))).toMatch(/^Đóng/);
    expect(text(between(html, 'counter-5-state'))).toMatch(/^Sẵn sàng/);
    // The counter of the latest call is outlined.
    expect(html).toMatch(/class="d-counter d-counter--open d-counter--latest" data-testid="counter-3"/);
  });

  it('counts the people waiting per field', () => {
    const html = render(h(HallScreen, hall()));
    expect(text(between(html, 'waiting-hotich'))).toMatch(/^Hộ tịch 4/);
    expect(text(between(html, 'waiting-datdai'))).toMatch(/^Đất đai 0/);
  });

  it('has the centre, the date and time, and the notice scrolling twice over (seamless loop)', () => {
    const html = render(h(HallScreen, hall()));
    expect(text(between(html, 'centre-name'))).toMatch(/^Trung tâm Phục vụ hành chính công phường Ninh Kiều/);
    expect(html).toContain('Thứ Hai, 12/05/2025');
    expect(html).toContain('09:05');
    expect([...html.matchAll(/Giờ làm việc: 7:00–11:30/g)]).toHaveLength(2);
    expect(render(h(HallScreen, hall({ notice: null })))).not.toContain('data-testid="notice"');
  });

  it('before any call it says so', () => {
    const html = render(h(HallScreen, hall({ latest: null, recent: [] })));
    expect(text(between(html, 'latest-none'))).toMatch(/^Chưa gọi số nào/);
  });

  it('shows the media area only when there are files', () => {
    expect(render(h(HallScreen, hall({ media: [] })))).not.toContain('data-testid="media"');
    const html = render(
      h(
        HallScreen,
        hall({ media: [{ name: 'a.png', url: '/media/a.png', type: 'image' }], mediaBase: 'http://hub' }),
      ),
    );
    expect(html).toContain('class="d-hall d-hall--media"');
    expect(html).toContain('src="http://hub/media/a.png"');
    const video = render(
      h(HallScreen, hall({ media: [{ name: 'b.mp4', url: '/media/b.mp4', type: 'video' }] })),
    );
    expect(video).toMatch(/<video[^>]*muted/);
    expect(video).toMatch(/<video[^>]*loop/);
  });

  it('adds English lines under the Vietnamese ones when asked', () => {
    const html = render(h(HallScreen, hall()), true);
    expect(text(html)).toContain('Mời số Now calling');
    expect(text(html)).toContain('Quầy 3 Counter 3');
    expect(text(html)).toContain('Hộ tịch Civil status');
    expect(text(render(h(HallScreen, hall())))).not.toContain('Now calling');
  });
});

describe('counter-top screen', () => {
  const props = (over = {}) => ({
    counterNumber: 3,
    counter: undefined,
    synced: true,
    callKey: 'k1',
    ...over,
  });

  it('shows the counter’s number huge, with its name', () => {
    const html = render(
      h(
        CounterTopScreen,
        props({ counter: counterView(counter(3, { currentTicket: ticket({ status: 'called' }) })) }),
      ),
    );
    expect(text(between(html, 'counter-top-label'))).toMatch(/^Quầy 3/);
    expect(text(between(html, 'counter-top-number'))).toMatch(/^1012/);
  });

  it('says when the counter is idle, paused or closed', () => {
    const state = (over: Parameters<typeof counter>[1]) =>
      text(
        between(
          render(h(CounterTopScreen, props({ counter: counterView(counter(3, over)) }))),
          'counter-top-state',
        ),
      );
    expect(state({})).toMatch(/^Xin mời/);
    expect(state({ state: 'paused' })).toMatch(/^Tạm dừng phục vụ/);
    expect(state({ state: 'closed' })).toMatch(/^Quầy đóng/);
  });

  it('says what is wrong with its settings', () => {
    expect(text(render(h(CounterTopScreen, props({ counterNumber: null }))))).toContain('?counter=');
    expect(text(render(h(CounterTopScreen, props({ counterNumber: 9 }))))).toContain('Không có quầy số 9');
    // Not yet synced: not an error yet.
    expect(render(h(CounterTopScreen, props({ counterNumber: 9, synced: false })))).not.toContain(
      'counter-top-error',
    );
  });
});

describe('pieces', () => {
  it('the sound button speaks both languages', () => {
    const html = render(h(SoundButton, { onUnlock: () => {} }));
    expect(html).toContain('data-testid="enable-sound"');
    expect(text(html)).toBe('Chạm để bật âm thanh Tap to enable sound');
  });

  it('the counter grid gets fewer columns for fewer counters', () => {
    expect(gridColumns(3)).toEqual({ '--d-cols': 2, '--d-cols-portrait': 2 });
    expect(gridColumns(7)).toEqual({ '--d-cols': 3, '--d-cols-portrait': 4 });
    expect(gridColumns(12)).toEqual({ '--d-cols': 4, '--d-cols-portrait': 5 });
  });

  it('the notice scrolls at a steady speed', () => {
    expect(tickerSeconds('ngắn')).toBe(15);
    expect(tickerSeconds('x'.repeat(200))).toBe(56);
  });

  it('reads the centre’s notice defensively', () => {
    expect(readNotice({ notice: '  Nghỉ lễ   ngày 2/9 ' })).toBe('Nghỉ lễ ngày 2/9');
    for (const none of [{ notice: null }, { notice: '  ' }, { notice: 3 }, {}, null, undefined])
      expect(readNotice(none)).toBeNull();
  });
});
