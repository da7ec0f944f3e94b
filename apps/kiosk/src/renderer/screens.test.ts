// Every screen rendered to HTML (react-dom/server, no DOM): key texts and the test ids the
// end-to-end tests drive.
import { renderMarkup as render, testIdsOf as testIds, markupText as text } from '@luot/ui/testing';
import { createElement as h } from 'react';
import { describe, expect, it } from 'vitest';
import type { IssuedTicket } from './flow.ts';
import { StatusView } from './StatusPage.tsx';
import {
  FieldsScreen,
  type FieldsScreenProps,
  IdleScreen,
  IssuedScreen,
  PairingScreen,
  PriorityScreen,
  ProceduresScreen,
} from './screens.tsx';
import { counter, fields, ticket, withWait } from './test-fixtures.ts';

const noop = () => {};

function fieldsProps(over: Partial<FieldsScreenProps> = {}): FieldsScreenProps {
  return {
    fields,
    waiting: { 'svc-hotich': 4 },
    openCounters: { 'svc-hotich': [counter()] },
    priority: null,
    closedFields: 'issue',
    busy: false,
    failed: false,
    onChoose: noop,
    onPriority: noop,
    onBack: noop,
    onRetry: noop,
    ...over,
  };
}

function issued(over: Partial<IssuedTicket> = {}): IssuedTicket {
  return {
    ticket: ticket(),
    waitingAhead: 3,
    estimatedWaitMinutes: 12,
    counterNumbers: [1, 3],
    print: 'printed',
    ...over,
  };
}

describe('idle screen', () => {
  it('shows the centre, the date and time, and the call to touch, in both languages', () => {
    const html = render(
      h(IdleScreen, {
        centreName: 'Trung tâm Phục vụ hành chính công',
        onStart: noop,
        now: new Date('2025-05-12T02:05:09Z'),
      }),
    );
    expect(testIds(html)).toEqual(expect.arrayContaining(['idle', 'lang-vi', 'lang-en']));
    const t = text(html);
    expect(t).toContain('Trung tâm Phục vụ hành chính công');
    expect(t).toContain('09:05');
    expect(t).toContain('Thứ Hai, 12/05/2025');
    expect(t).toContain('Chạm để lấy số thứ tự');
    expect(t).toContain('Touch to take a number');
    expect(html.match(/<button[^>]*data-testid="lang-vi"[^>]*>/)?.[0]).toContain('aria-pressed="true"');
    expect(html.match(/<button[^>]*data-testid="lang-en"[^>]*>/)?.[0]).toContain('aria-pressed="false"');
    expect(testIds(html)).not.toContain('opening-hours'); // none given
  });

  it('shows the opening hours when the centre has them', () => {
    const html = render(
      h(IdleScreen, {
        centreName: 'Trung tâm',
        onStart: noop,
        now: new Date('2025-05-12T02:05:09Z'),
        openingHours: [
          { days: [1, 2, 3, 4, 5], open: '07:00', close: '11:30' },
          { days: [1, 2, 3, 4, 5], open: '13:00', close: '17:00' },
          { days: [6], open: '07:30', close: '11:30' },
        ],
      }),
    );
    expect(testIds(html)).toContain('opening-hours');
    expect(text(html)).toContain('Giờ làm việc: Thứ 2–6 07:00–11:30, 13:00–17:00; Thứ 7 07:30–11:30');
  });
});

describe('fields screen', () => {
  it('one big button per active field: icon, names, people waiting; "Chưa có quầy mở" where no counter is open', () => {
    const html = render(h(FieldsScreen, fieldsProps()));
    const ids = testIds(html);
    expect(ids).toEqual(
      expect.arrayContaining([
        'services',
        'service-svc-hotich',
        'service-svc-datdai',
        'waiting-svc-hotich',
        'priority-open',
        'lang-vi',
        'lang-en',
        'back',
      ]),
    );
    expect(ids).not.toContain('service-svc-cu'); // inactive
    const t = text(html);
    expect(t).toContain('Hộ tịch');
    expect(t).toContain('Civil status');
    expect(t).toContain('4 người đang chờ');
    expect(t).toContain('0 người đang chờ');
    expect(t.match(/Chưa có quầy mở/g)).toHaveLength(1); // Đất đai only
    expect(t).toContain('Ưu tiên');
    // Default: a field without an open counter still issues.
    expect(html).not.toMatch(/data-testid="service-svc-datdai"[^>]*disabled/);
    expect(html).not.toMatch(/disabled=""[^>]*data-testid="service-svc-datdai"/);
  });

  it('with closedFields=disable, a field without an open counter is disabled', () => {
    const html = render(h(FieldsScreen, fieldsProps({ closedFields: 'disable' })));
    expect(html).toMatch(
      /<button[^>]*disabled=""[^>]*data-testid="service-svc-datdai"|<button[^>]*data-testid="service-svc-datdai"[^>]*disabled=""/,
    );
    expect(text(html)).toContain('Tạm thời chưa nhận hồ sơ lĩnh vực này');
  });

  it('out of opening hours, every field says so and still issues by default', () => {
    const html = render(h(FieldsScreen, fieldsProps({ outOfHours: true })));
    const t = text(html);
    expect(t.match(/Ngoài giờ làm việc/g)).toHaveLength(2); // both active fields
    expect(t).not.toContain('Chưa có quầy mở');
    const buttons = html.match(/<button[^>]*data-testid="service-[^"]+"[^>]*>/g) ?? [];
    expect(buttons).toHaveLength(2);
    for (const b of buttons) expect(b).not.toContain('disabled');
    expect(text(render(h(FieldsScreen, fieldsProps({ outOfHours: true })), 'en'))).toContain(
      'Outside opening hours',
    );
  });

  it('out of opening hours with closedFields=disable, every field is disabled, even with a counter open', () => {
    const html = render(h(FieldsScreen, fieldsProps({ outOfHours: true, closedFields: 'disable' })));
    const buttons = html.match(/<button[^>]*data-testid="service-[^"]+"[^>]*>/g) ?? [];
    expect(buttons).toHaveLength(2);
    for (const b of buttons) expect(b).toContain('disabled=""');
    expect(html).not.toMatch(/<button[^>]*data-testid="priority-open"[^>]*disabled/);
    expect(text(html).match(/Ngoài giờ làm việc/g)).toHaveLength(2);
    // In hours, the field with an open counter is enabled again.
    const inHours = render(h(FieldsScreen, fieldsProps({ outOfHours: false, closedFields: 'disable' })));
    expect(inHours).not.toMatch(/<button[^>]*data-testid="service-svc-hotich"[^>]*disabled/);
    expect(text(inHours)).not.toContain('Ngoài giờ làm việc');
  });

  it('while issuing, every button is disabled and says so', () => {
    const html = render(h(FieldsScreen, fieldsProps({ busy: true })));
    const buttons = html.match(/<button[^>]*data-testid="(service-[^"]+|priority-open)"[^>]*>/g) ?? [];
    expect(buttons.length).toBe(3);
    for (const b of buttons) expect(b).toContain('disabled=""');
    expect(text(html)).toContain('Đang lấy số…');
  });

  it('priority mode: a banner with the group, no second priority button', () => {
    const html = render(h(FieldsScreen, fieldsProps({ priority: 'pregnant' })));
    expect(testIds(html)).toContain('priority-banner');
    expect(testIds(html)).not.toContain('priority-open');
    expect(text(html)).toContain('Lượt ưu tiên: Phụ nữ mang thai');
  });

  it('a failed request shows the error and a retry button', () => {
    const html = render(h(FieldsScreen, fieldsProps({ failed: true })));
    expect(testIds(html)).toEqual(expect.arrayContaining(['issue-error', 'issue-retry']));
    expect(text(html)).toContain('Chưa lấy được số thứ tự');
  });

  it('in English the English name comes first', () => {
    const t = text(render(h(FieldsScreen, fieldsProps()), 'en'));
    expect(t).toContain('Choose what you need help with');
    expect(t.indexOf('Civil status')).toBeLessThan(t.indexOf('Hộ tịch'));
    expect(t).toContain('4 people waiting');
    expect(t).toContain('No counter open yet');
  });
});

describe('priority screen', () => {
  it('lists the five groups', () => {
    const html = render(h(PriorityScreen, { onChoose: noop, onBack: noop }));
    expect(testIds(html)).toEqual(
      expect.arrayContaining([
        'priority',
        'priority-elderly',
        'priority-disabled',
        'priority-pregnant',
        'priority-child',
        'priority-merit',
        'lang-vi',
        'lang-en',
      ]),
    );
    const t = text(html);
    for (const name of [
      'Người cao tuổi',
      'Người khuyết tật',
      'Phụ nữ mang thai',
      'Người đi cùng trẻ em dưới 6 tuổi',
      'Người có công với cách mạng',
    ])
      expect(t).toContain(name);
  });
});

describe('procedure step', () => {
  const props = {
    field: fields[0]!,
    busy: false,
    failed: false,
    onSearch: noop,
    onChoose: noop,
    onBack: noop,
    onRetry: noop,
  };
  it('searches without diacritics or case: "dang ky ket hon" finds "Đăng ký kết hôn"', () => {
    const html = render(h(ProceduresScreen, { ...props, query: 'DANG KY KET HON' }));
    const ids = testIds(html);
    expect(ids).toEqual(
      expect.arrayContaining(['procedures', 'procedure-search', 'procedure-p-kethon', 'procedure-other']),
    );
    expect(ids).not.toContain('procedure-p-khaisinh');
    expect(text(html)).toContain('Khác / không rõ');
  });
  it('lists every procedure without a query, and says when nothing matches', () => {
    expect(testIds(render(h(ProceduresScreen, { ...props, query: '' })))).toEqual(
      expect.arrayContaining(['procedure-p-khaisinh', 'procedure-p-kethon', 'procedure-p-khaitu']),
    );
    const none = render(h(ProceduresScreen, { ...props, query: 'xyz' }));
    expect(text(none)).toContain('Không tìm thấy thủ tục phù hợp');
    expect(testIds(none)).toContain('procedure-other');
  });
});

describe('issued screen', () => {
  const url = 'http://192.168.1.10:8080/t/tk_0123456789abcdefABCDEF';
  it('the number, the counters, people ahead, the wait, a QR code and "Vui lòng nhận phiếu"', () => {
    const html = render(
      h(IssuedScreen, { issued: issued(), field: fields[0], statusUrl: url, onDone: noop }),
    );
    expect(testIds(html)).toEqual(
      expect.arrayContaining([
        'issued',
        'issued-number',
        'issued-counters',
        'issued-ahead',
        'issued-wait',
        'issued-qr',
        'issued-done',
        'lang-vi',
        'lang-en',
      ]),
    );
    const t = text(html);
    expect(html).toMatch(/data-testid="issued-number">1012</);
    expect(html).toMatch(/data-testid="issued-counters">Mời đến quầy 1, 3</);
    expect(t).toContain('Trước bạn còn 3 người');
    expect(t).toContain('Thời gian chờ dự kiến khoảng 12 phút');
    expect(t).toContain('Vui lòng nhận phiếu');
    expect(html).toMatch(/data-testid="issued-qr"><svg [^>]*viewBox="0 0 \d+ \d+"/);
    expect(testIds(html)).not.toContain('print-failed');
  });
  it('a failed print: the prominent banner instead of "take your ticket"', () => {
    const html = render(
      h(IssuedScreen, {
        issued: issued({ print: 'failed' }),
        field: fields[0],
        statusUrl: url,
        onDone: noop,
      }),
    );
    expect(testIds(html)).toContain('print-failed');
    const t = text(html);
    expect(t).toContain('Không in được phiếu. Vui lòng ghi nhớ số thứ tự hoặc hỏi cán bộ hướng dẫn.');
    expect(t).not.toContain('Vui lòng nhận phiếu');
    expect(html).toMatch(/data-testid="issued-number">1012</);
  });
  it('in English, with a priority group', () => {
    const t = text(
      render(
        h(IssuedScreen, {
          issued: issued({ ticket: ticket({ priority: 'elderly' }), counterNumbers: [2] }),
          field: fields[0],
          statusUrl: url,
          onDone: noop,
        }),
        'en',
      ),
    );
    expect(t).toContain('Please go to counter 2');
    expect(t).toContain('Elderly person');
    expect(t).toContain('3 people ahead of you');
    expect(t).toContain('Please take your ticket');
  });
});

describe('pairing screen', () => {
  it('asks for the code; shows an error', () => {
    const html = render(
      h(PairingScreen, { busy: false, error: 'Mã ghép nối không đúng hoặc đã hết hạn.', onSubmit: noop }),
    );
    expect(testIds(html)).toEqual(
      expect.arrayContaining(['pairing', 'pair-code', 'pair-submit', 'pair-error', 'lang-vi', 'lang-en']),
    );
    expect(text(html)).toContain('Nhập mã ghép nối');
    expect(testIds(render(h(PairingScreen, { busy: false, error: null, onSubmit: noop })))).not.toContain(
      'pair-error',
    );
  });
});

describe('ticket status page', () => {
  const base = {
    ticketId: 'tk_1',
    error: null,
    centreName: 'Trung tâm',
    updatedAt: new Date('2025-05-12T02:05:09Z'),
  };
  it('waiting: the number, "Đang chờ", people ahead and the wait', () => {
    const html = render(h(StatusView, { ...base, data: withWait({}, 4, 20) }));
    expect(html).toMatch(/data-testid="status-number">1012</);
    const state = text(html.slice(html.indexOf('data-testid="status-state"')));
    expect(state).toContain('Đang chờ');
    expect(state).toContain('Trước bạn còn 4 người');
    expect(state).toContain('Thời gian chờ dự kiến khoảng 20 phút');
    expect(testIds(html)).not.toContain('status-called');
    expect(text(html)).toContain('Cập nhật lúc 09:05');
  });
  it('called: "Mời đến quầy 3"', () => {
    const html = render(
      h(StatusView, { ...base, data: withWait({ status: 'called', counterNumber: 3, counterId: 'c3' }) }),
    );
    expect(html).toMatch(/data-testid="status-called">Mời đến quầy 3</);
    expect(
      render(h(StatusView, { ...base, data: withWait({ status: 'called', counterNumber: 3 }) }), 'en'),
    ).toContain('Please go to counter 3');
  });
  it('served, done, missed, not found', () => {
    expect(
      text(render(h(StatusView, { ...base, data: withWait({ status: 'serving', counterNumber: 2 }) }))),
    ).toContain('Đang được phục vụ tại quầy 2');
    expect(text(render(h(StatusView, { ...base, data: withWait({ status: 'done' }) })))).toContain(
      'Đã phục vụ xong',
    );
    expect(text(render(h(StatusView, { ...base, data: withWait({ status: 'no_show' }) })))).toContain(
      'Đã qua lượt',
    );
    const missing = render(h(StatusView, { ...base, data: null, error: 'not_found' }));
    expect(text(missing)).toContain('Không tìm thấy phiếu.');
    expect(testIds(missing)).toEqual(expect.arrayContaining(['status-state', 'lang-vi', 'lang-en']));
  });
  it('after service: four faces while the rating is open (Vietnamese first), then thanks or closed', () => {
    const closesAt = '2025-05-12T03:30:00.000Z';
    const done = { status: 'done' as const, finishedAt: '2025-05-12T03:00:00.000Z', counterNumber: 2 };
    const open = render(h(StatusView, { ...base, data: withWait(done, 0, 0, { state: 'open', closesAt }) }));
    expect(testIds(open)).toEqual(
      expect.arrayContaining([
        'status-rating',
        'status-rate-1',
        'status-rate-2',
        'status-rate-3',
        'status-rate-4',
      ]),
    );
    expect(text(open)).toContain('Quý khách vui lòng đánh giá mức độ hài lòng');
    // Each face says it in Vietnamese, then in English; most satisfied first.
    expect(text(open).indexOf('Rất hài lòng')).toBeLessThan(text(open).indexOf('Very satisfied'));
    expect(text(open).indexOf('Rất hài lòng')).toBeLessThan(text(open).indexOf('Không hài lòng'));
    const english = render(
      h(StatusView, { ...base, data: withWait(done, 0, 0, { state: 'open', closesAt }) }),
      'en',
    );
    expect(text(english)).toContain('Please rate our service');
    const sending = render(
      h(StatusView, { ...base, data: withWait(done, 0, 0, { state: 'open', closesAt }), rating: 'sending' }),
    );
    expect(sending).toMatch(
      /data-testid="status-rate-4"[^>]*disabled|disabled[^>]*data-testid="status-rate-4"/,
    );
    const failed = render(
      h(StatusView, { ...base, data: withWait(done, 0, 0, { state: 'open', closesAt }), rating: 'failed' }),
    );
    expect(testIds(failed)).toContain('status-rating-failed');

    const rated = render(
      h(StatusView, { ...base, data: withWait(done, 0, 0, { state: 'rated', closesAt }) }),
    );
    expect(testIds(rated)).toContain('status-rating-done');
    expect(testIds(rated)).not.toContain('status-rate-4');
    expect(text(rated)).toContain('Cảm ơn quý khách đã đánh giá!');
    const closed = render(
      h(StatusView, { ...base, data: withWait(done, 0, 0, { state: 'closed', closesAt }) }),
    );
    expect(testIds(closed)).toContain('status-rating-closed');
    expect(testIds(closed)).not.toContain('status-rate-4');
    expect(text(closed)).toContain('Đã hết thời gian đánh giá (trong 30 phút sau khi hoàn thành).');
    // Before the ticket is done there is nothing to rate.
    expect(testIds(render(h(StatusView, { ...base, data: withWait({ status: 'serving' }) })))).not.toContain(
      'status-rating',
    );
  });
});
