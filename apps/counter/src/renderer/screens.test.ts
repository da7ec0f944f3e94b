// Every screen rendered to HTML (react-dom/server, no DOM): key texts and the test ids the
// end-to-end tests drive (CONTRACT.md).
import {
  renderMarkup as render,
  tagOf as tag,
  testIdsOf as testIds,
  markupText as text,
} from '@luot/ui/testing';
import { createElement as h } from 'react';
import { describe, expect, it } from 'vitest';
import { RatingPairingScreen, RatingView } from './RatingPage.tsx';
import { initialRating, type RatingState } from './rating.ts';
import { FinishDialog } from './screens/finish-dialog.tsx';
import { PauseDialog } from './screens/pause-dialog.tsx';
import { CounterChoiceScreen, LoginScreen } from './screens/sign-in.tsx';
import { TransferDialog } from './screens/transfer-dialog.tsx';
import { WorkScreen, type WorkScreenProps } from './screens/work-screen.tsx';
import { counter, services, ticket } from './test-fixtures.ts';

const noop = () => {};
const NOW = Date.parse('2025-05-12T02:30:00.000Z');

function workProps(over: Partial<WorkScreenProps> = {}): WorkScreenProps {
  return {
    counter: counter(),
    officerName: 'Nguyễn Văn A',
    current: null,
    services,
    counters: [counter(), counter({ id: 'c2', number: 2, name: 'Quầy 2', officer: null })],
    waiting: [],
    noShows: [],
    today: null,
    nowMs: NOW,
    busy: false,
    error: null,
    devices: 'Thiết bị: không khả dụng trong trình duyệt',
    dialog: null,
    onAction: noop,
    onCall: noop,
    onReinstate: noop,
    onFinish: noop,
    onTransfer: noop,
    onPause: noop,
    onCloseDialog: noop,
    onSignOut: noop,
    ...over,
  };
}

describe('sign-in', () => {
  it('username, password, submit; the error when given', () => {
    const html = render(
      h(LoginScreen, { busy: false, error: 'Tên đăng nhập hoặc mật khẩu không đúng.', onSubmit: noop }),
    );
    expect(testIds(html)).toEqual(
      expect.arrayContaining([
        'login',
        'login-username',
        'login-password',
        'login-submit',
        'login-error',
        'lang-vi',
        'lang-en',
      ]),
    );
    expect(text(html)).toContain('Đăng nhập cán bộ');
    expect(tag(html, 'login-password')).toContain('type="password"');
  });

  it('counter choice: one button per counter, the remembered one first, the taken message', () => {
    const html = render(
      h(CounterChoiceScreen, {
        counters: [
          counter({ officer: null }),
          counter({ id: 'c2', number: 2, name: 'Quầy 2', officer: { id: 'u9', displayName: 'Trần B' } }),
        ],
        services,
        officerName: 'Nguyễn Văn A',
        remembered: 'c2',
        busy: false,
        error: 'Quầy 2 đang có cán bộ khác làm việc',
        onChoose: noop,
        onSignOut: noop,
      }),
    );
    const ids = testIds(html);
    expect(ids).toEqual(
      expect.arrayContaining(['counter-c1', 'counter-c2', 'counter-error', 'btn-sign-out']),
    );
    expect(ids.indexOf('counter-c2')).toBeLessThan(ids.indexOf('counter-c1'));
    const t = text(html);
    expect(t).toContain('Quầy 2 đang có cán bộ khác làm việc');
    expect(t).toContain('Có cán bộ: Trần B');
    expect(t).toContain('Hộ tịch');
  });
});

describe('work screen', () => {
  it('no ticket: every button with its key; only call-next and pause enabled; figures "—" without data', () => {
    const html = render(h(WorkScreen, workProps()));
    const ids = testIds(html);
    expect(ids).toEqual(
      expect.arrayContaining([
        'work',
        'current-status',
        'btn-call-next',
        'btn-recall',
        'btn-start',
        'btn-finish',
        'btn-no-show',
        'btn-transfer',
        'btn-pause',
        'btn-sign-out',
        'action-error',
        'waiting-list',
        'waiting-count',
        'waiting-longest',
        'my-served',
        'my-avg-service',
        'my-no-show',
        'devices-status',
        'lang-vi',
        'lang-en',
      ]),
    );
    expect(ids).not.toContain('btn-resume');
    expect(ids).not.toContain('paused-banner');
    const t = text(html);
    for (const [label, key] of [
      ['Gọi số tiếp theo', 'F1'],
      ['Gọi lại', 'F2'],
      ['Bắt đầu', 'F3'],
      ['Hoàn thành', 'F4'],
      ['Vắng mặt', 'F5'],
      ['Chuyển', 'F6'],
      ['Tạm dừng', 'F7'],
    ])
      expect(t).toContain(`${label} ${key}`);
    expect(tag(html, 'btn-call-next')).not.toContain('disabled');
    expect(tag(html, 'btn-pause')).not.toContain('disabled');
    for (const id of ['btn-recall', 'btn-start', 'btn-finish', 'btn-no-show', 'btn-transfer'])
      expect(tag(html, id)).toContain('disabled');
    expect(tag(html, 'action-error')).toContain('hidden');
    expect(html).toMatch(/data-testid="my-served">—</);
    expect(t).toContain('Thiết bị: không khả dụng trong trình duyệt');
    expect(t).toContain('Chưa gọi số nào');
  });

  it('a called priority ticket: number, field, priority, waited, recalls', () => {
    const current = ticket({
      status: 'called',
      priority: 'elderly',
      calledAt: '2025-05-12T02:17:00.000Z',
      counterId: 'c1',
      recallCount: 2,
    });
    const html = render(h(WorkScreen, workProps({ current, counter: counter({ currentTicket: current }) })));
    expect(html).toMatch(/data-testid="current-number">1012</);
    expect(html).toMatch(/data-testid="current-service">Hộ tịch</);
    expect(html).toMatch(/data-testid="current-waited">12 phút</);
    expect(html).toMatch(/data-testid="current-recalls">2</);
    expect(tag(html, 'current-status')).toContain('data-status="called"');
    expect(text(html)).toContain('Người cao tuổi');
    expect(tag(html, 'btn-call-next')).toContain('disabled');
    expect(tag(html, 'btn-recall')).not.toContain('disabled');
    expect(tag(html, 'btn-no-show')).not.toContain('disabled');
  });

  it('busy: every action disabled; the refusal shown', () => {
    const html = render(h(WorkScreen, workProps({ busy: true, error: 'Không được phép' })));
    for (const id of ['btn-call-next', 'btn-pause']) expect(tag(html, id)).toContain('disabled');
    expect(html).toMatch(/data-testid="action-error">Không được phép</);
  });

  it('paused: the banner with the reason and resume (F7)', () => {
    const html = render(
      h(WorkScreen, workProps({ counter: counter({ state: 'paused', pauseReason: 'Họp' }) })),
    );
    expect(testIds(html)).toEqual(expect.arrayContaining(['paused-banner', 'btn-resume']));
    expect(testIds(html)).not.toContain('btn-pause');
    expect(text(html)).toContain('Quầy đang tạm dừng: Họp');
    expect(text(html)).toContain('Tiếp tục F7');
    expect(tag(html, 'btn-call-next')).toContain('disabled');
  });

  it('waiting list: rows in the given order with call buttons, count, longest wait; no-shows; figures', () => {
    const waiting = [
      ticket({ id: 'p', displayNumber: '1005', priority: 'merit', issuedAt: '2025-05-12T02:20:00.000Z' }),
      ticket({ id: 'o', displayNumber: '1001', issuedAt: '2025-05-12T02:00:00.000Z' }),
    ];
    const html = render(
      h(
        WorkScreen,
        workProps({
          waiting,
          noShows: [{ ticket: ticket({ id: 'n', displayNumber: '1003', status: 'no_show' }), at: NOW }],
          today: { served: 7, avgServiceSeconds: 300, noShow: 1 },
        }),
      ),
    );
    const ids = testIds(html);
    expect(ids.indexOf('waiting-p')).toBeLessThan(ids.indexOf('waiting-o'));
    expect(ids).toEqual(expect.arrayContaining(['call-p', 'call-o', 'noshow-n', 'reinstate-n']));
    expect(html).toMatch(/data-testid="waiting-count">2</);
    expect(html).toMatch(/data-testid="waiting-longest">30 phút</);
    expect(html).toMatch(/data-testid="my-served">7</);
    expect(html).toMatch(/data-testid="my-avg-service">5 phút</);
    expect(html).toMatch(/data-testid="my-no-show">1</);
    expect(tag(html, 'call-p')).not.toContain('disabled');
  });

  it('English', () => {
    const html = render(h(WorkScreen, workProps()), 'en');
    const t = text(html);
    expect(t).toContain('Call next F1');
    expect(t).toContain('Waiting list');
    expect(tag(html, 'lang-en')).toContain('aria-pressed="true"');
  });
});

describe('dialogs', () => {
  const current = ticket({ status: 'serving', counterId: 'c1' });

  it('finish: search, one toggle per procedure, note; confirm disabled with none chosen', () => {
    const html = render(
      h(FinishDialog, {
        ticket: current,
        service: services[0],
        busy: false,
        onConfirm: noop,
        onCancel: noop,
      }),
    );
    expect(testIds(html)).toEqual(
      expect.arrayContaining([
        'finish-dialog',
        'finish-search',
        'finish-proc-p-khaisinh',
        'finish-proc-p-kethon',
        'finish-proc-p-khaitu',
        'finish-note',
        'finish-confirm',
        'finish-cancel',
      ]),
    );
    expect(tag(html, 'finish-confirm')).toContain('disabled');
    expect(text(html)).toContain('Chọn ít nhất một thủ tục');
  });

  it('finish: enabled with procedures chosen; the search filters without diacritics', () => {
    const html = render(
      h(FinishDialog, {
        ticket: current,
        service: services[0],
        busy: false,
        onConfirm: noop,
        onCancel: noop,
        initialChosen: ['p-kethon', 'p-khaisinh'],
        initialQuery: 'ket hon',
      }),
    );
    expect(tag(html, 'finish-confirm')).not.toContain('disabled');
    expect(testIds(html)).toContain('finish-proc-p-kethon');
    expect(testIds(html)).not.toContain('finish-proc-p-khaitu');
    expect(tag(html, 'finish-proc-p-kethon')).toContain('aria-pressed="true"');
    expect(text(html)).toContain('Đã chọn 2 thủ tục');
  });

  it('transfer: other fields and other counters, a reason; confirm disabled until a target', () => {
    const html = render(
      h(TransferDialog, {
        ticket: current,
        services,
        counters: [counter({ id: 'c2', number: 2, name: 'Quầy 2' })],
        busy: false,
        onConfirm: noop,
        onCancel: noop,
      }),
    );
    const ids = testIds(html);
    expect(ids).toEqual(
      expect.arrayContaining([
        'transfer-dialog',
        'transfer-service-svc-datdai',
        'transfer-counter-c2',
        'transfer-reason',
        'transfer-confirm',
      ]),
    );
    expect(ids).not.toContain('transfer-service-svc-hotich');
    expect(tag(html, 'transfer-confirm')).toContain('disabled');
  });

  it('pause: three reasons', () => {
    const html = render(h(PauseDialog, { busy: false, onConfirm: noop, onCancel: noop }));
    expect(testIds(html)).toEqual(
      expect.arrayContaining([
        'pause-dialog',
        'pause-reason-break',
        'pause-reason-meeting',
        'pause-reason-other',
        'pause-confirm',
      ]),
    );
    const t = text(html);
    for (const s of ['Nghỉ giải lao', 'Họp', 'Hỗ trợ khác']) expect(t).toContain(s);
    expect(tag(html, 'pause-reason-break')).toContain('aria-pressed="true"');
  });

  it('the work screen shows the dialog it is told to', () => {
    const html = render(
      h(WorkScreen, workProps({ current, counter: counter({ currentTicket: current }), dialog: 'finish' })),
    );
    expect(testIds(html)).toContain('finish-dialog');
    // Buttons behind the dialog are disabled (its keys belong to the dialog).
    expect(tag(html, 'btn-finish')).toContain('disabled');
  });
});

describe('rating tablet', () => {
  const rate: RatingState = {
    screen: 'rate',
    ticketId: 'tk_1',
    displayNumber: '1012',
    officer: 'Nguyễn Văn A',
    until: NOW + 30_000,
    failed: false,
  };

  it('the officer and four faces with their labels', () => {
    const html = render(h(RatingView, { state: rate, onRate: noop }));
    expect(testIds(html)).toEqual(
      expect.arrayContaining(['rating', 'rating-officer', 'rate-1', 'rate-2', 'rate-3', 'rate-4']),
    );
    const t = text(html);
    expect(t).toContain('Nguyễn Văn A');
    for (const s of ['Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng']) expect(t).toContain(s);
    expect(text(html.match(/<button[^>]*data-testid="rate-4"[^>]*>[\s\S]*?<\/button>/)?.[0] ?? '')).toContain(
      'Rất hài lòng',
    );
  });

  it('thanks after a tap; idle otherwise', () => {
    const thanks = render(h(RatingView, { state: { ...rate, screen: 'thanks' }, onRate: noop }));
    expect(testIds(thanks)).toContain('rating-thanks');
    expect(text(thanks)).toContain('Cảm ơn quý khách đã đánh giá!');
    const idle = render(
      h(RatingView, { state: initialRating, officerFallback: 'Nguyễn Văn A', onRate: noop }),
    );
    expect(testIds(idle)).toEqual(expect.arrayContaining(['rating-idle', 'rating-officer']));
    expect(testIds(idle)).not.toContain('rate-1');
  });

  it('pairing screen', () => {
    const html = render(h(RatingPairingScreen, { busy: false, error: null, onSubmit: noop }));
    expect(testIds(html)).toEqual(expect.arrayContaining(['pairing', 'pair-code', 'pair-submit']));
  });
});
