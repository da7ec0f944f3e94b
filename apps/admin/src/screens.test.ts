// Every screen rendered to HTML (react-dom/server, no DOM) from fixtures that pass the shared
// schemas: the texts a director reads, the alert colours, and the test ids the E2E test drives.
import {
  renderMarkup as render,
  tagOf as tag,
  testIdsOf as testIds,
  markupText as text,
} from '@luot/ui/testing';
import { createElement as h } from 'react';
import { describe, expect, it } from 'vitest';
import { LoginScreen } from './App.tsx';
import { AuditTable } from './admin/audit.tsx';
import { CentreForm } from './admin/centre.tsx';
import { CounterForm, CountersTable } from './admin/counters.tsx';
import { DevicesTable, PrinterForm } from './admin/devices.tsx';
import { FieldsTable, ServiceForm } from './admin/fields.tsx';
import { UsersTable } from './admin/users.tsx';
import { OverviewScreen, type OverviewScreenProps } from './overview.tsx';
import { ReportView } from './report-view.tsx';
import { PeriodBar, type PeriodBarProps } from './reports.tsx';
import {
  adminCounters,
  audit,
  devices,
  figures,
  NOW_ISO,
  overview,
  report,
  services,
  users,
} from './test-fixtures.ts';

const noop = () => {};
const asyncNoop = async () => {};
const NOW = Date.parse(NOW_ISO);

/** The text of the element with this test id up to its first closing tag of the same name. */
const inner = (html: string, id: string) => {
  const open = tag(html, id);
  const name = /^<(\w+)/.exec(open)?.[1] ?? 'div';
  const start = html.indexOf(open) + open.length;
  return text(html.slice(start, html.indexOf(`</${name}>`, start))).trim();
};

const overviewProps = (over: Partial<OverviewScreenProps> = {}): OverviewScreenProps => ({
  overview,
  nowMs: NOW,
  alertWaitSeconds: 20 * 60,
  updatedAt: '10:30',
  ...over,
});

describe('sign-in', () => {
  it('username, password, submit, languages; the refusal when given', () => {
    const html = render(
      h(LoginScreen, {
        busy: false,
        error: 'Tài khoản cán bộ không có quyền xem bảng điều khiển',
        onSubmit: noop,
      }),
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
    expect(tag(html, 'login-password')).toContain('type="password"');
    expect(tag(html, 'login-error')).toContain('role="alert"');
    expect(text(html)).toContain('Đăng nhập bảng điều khiển');
    expect(inner(html, 'login-error')).toBe('Tài khoản cán bộ không có quyền xem bảng điều khiển');
  });

  it('no error line without an error; the button says it is working while busy', () => {
    const html = render(h(LoginScreen, { busy: true, error: null, onSubmit: noop }));
    expect(testIds(html)).not.toContain('login-error');
    expect(tag(html, 'login-submit')).toContain('disabled');
    expect(inner(html, 'login-submit')).toBe('Đang đăng nhập…');
  });
});

describe('live overview', () => {
  it('alerts first, critical in red before warnings in amber, each with its age', () => {
    const html = render(h(OverviewScreen, overviewProps()));
    const ids = testIds(html);
    expect(ids.indexOf('alerts')).toBeLessThan(ids.indexOf('today'));
    expect(ids.indexOf('alert-long_wait-hotich')).toBeLessThan(ids.indexOf('alert-counter_idle-c2'));
    expect(tag(html, 'alert-long_wait-hotich')).toContain('a-alert--critical');
    expect(tag(html, 'alert-counter_idle-c2')).toContain('a-alert--warning');
    expect(inner(html, 'alert-long_wait-hotich')).toBe(
      'Nghiêm trọng Hộ tịch: 3 người chờ quá 20 phút, lâu nhất 26 phút 26 phút trước',
    );
    expect(text(render(h(OverviewScreen, overviewProps()), 'en'))).toContain(
      'Civil status: 3 waiting over 20 min, longest 26 min',
    );
  });

  it('says so when there is no alert', () => {
    const html = render(h(OverviewScreen, overviewProps({ overview: { ...overview, alerts: [] } })));
    expect(inner(html, 'no-alerts')).toBe('Không có cảnh báo');
    expect(testIds(html).filter((id) => id?.startsWith('alert-'))).toEqual([]);
  });

  it('today’s figures beside the same weekday last week', () => {
    const html = render(h(OverviewScreen, overviewProps()));
    expect(inner(html, 'today-issued-value')).toBe('1.234');
    expect(inner(html, 'today-issued-last')).toBe('▲ Thứ Hai tuần trước: 1.200');
    expect(tag(html, 'today-issued-last')).toContain('title="Cùng giờ Thứ Hai tuần trước (05/05/2025)"');
    expect(inner(html, 'today-served-last')).toBe('▼ Thứ Hai tuần trước: 52');
    expect(inner(html, 'today-avg-wait-value')).toBe('11 phút');
    expect(inner(html, 'today-waiting-value')).toBe('9');
    expect(testIds(html)).not.toContain('today-waiting-last');
  });

  it('waiting per field, the longest wait in red past the alert threshold', () => {
    const html = render(h(OverviewScreen, overviewProps()));
    expect(inner(html, 'field-hotich-waiting')).toBe('7');
    expect(inner(html, 'field-hotich-longest')).toBe('26 phút');
    expect(tag(html, 'field-hotich-longest')).toContain('a-late');
    expect(tag(html, 'field-chungthuc-longest')).not.toContain('a-late');
    expect(inner(html, 'field-datdai-longest')).toBe('—');
    const ids = testIds(html);
    expect(ids.indexOf('field-hotich')).toBeLessThan(ids.indexOf('field-datdai'));
    // English names where the hub has them.
    const en = render(h(OverviewScreen, overviewProps({ namesEn: { hotich: 'Civil status' } })), 'en');
    expect(text(en)).toContain('Civil status');
  });

  it('each counter: its state, officer, current ticket, idle or paused time; by number', () => {
    const html = render(h(OverviewScreen, overviewProps()));
    const ids = testIds(html).filter((id) => /^counter-c\d$/.test(id ?? ''));
    expect(ids).toEqual(['counter-c1', 'counter-c2', 'counter-c3', 'counter-c4']);
    expect(inner(html, 'counter-c1-ticket')).toBe('Đang phục vụ 1012');
    expect(text(html)).toContain('Rảnh 9 phút');
    expect(text(html)).toContain('Tạm dừng: Họp');
    expect(inner(html, 'counter-c4-state')).toBe('Đóng');
    expect(tag(html, 'counter-c3')).toContain('a-counter--paused');
    expect(text(html)).toContain('Chưa có cán bộ');
  });
});

describe('reports', () => {
  const barProps = (over: Partial<PeriodBarProps> = {}): PeriodBarProps => ({
    kind: 'week',
    draft: { from: '05/05/2025', to: '11/05/2025' },
    problem: null,
    exporting: null,
    canExport: true,
    onPreset: noop,
    onCustom: noop,
    onDraft: noop,
    onApply: noop,
    onExport: noop,
    ...over,
  });

  it('the period picker: five presets, the chosen one pressed, the exports', () => {
    const html = render(h(PeriodBar, barProps()));
    expect(testIds(html)).toEqual(
      expect.arrayContaining([
        'period-today',
        'period-yesterday',
        'period-week',
        'period-month',
        'period-custom',
        'export-xlsx',
        'export-csv',
      ]),
    );
    expect(tag(html, 'period-week')).toContain('aria-pressed="true"');
    expect(tag(html, 'period-today')).toContain('aria-pressed="false"');
    expect(testIds(html)).not.toContain('period-from');
    expect(inner(html, 'export-xlsx')).toBe('Xuất Excel');
    expect(inner(html, 'export-csv')).toBe('Xuất CSV');
  });

  it('a custom range shows its dates and a problem; exporting disables both buttons', () => {
    const html = render(
      h(PeriodBar, barProps({ kind: 'custom', problem: 'Một báo cáo tối đa 366 ngày', exporting: 'xlsx' })),
    );
    expect(tag(html, 'period-from')).toContain('value="05/05/2025"');
    expect(tag(html, 'period-to')).toContain('value="11/05/2025"');
    expect(inner(html, 'period-error')).toBe('Một báo cáo tối đa 366 ngày');
    expect(inner(html, 'export-xlsx')).toBe('Đang xuất…');
    expect(tag(html, 'export-xlsx')).toContain('disabled');
    expect(tag(html, 'export-csv')).toContain('disabled');
  });

  it('totals, charts, satisfaction and every table', () => {
    const html = render(h(ReportView, { report }));
    expect(inner(html, 'report-range')).toBe('Từ 05/05/2025 đến 11/05/2025 (7 ngày)');
    expect(inner(html, 'total-issued-value')).toBe('120');
    expect(inner(html, 'total-cancelled-value')).toBe('12');
    expect(inner(html, 'total-avg-wait-value')).toBe('10 phút');
    expect(inner(html, 'total-p90-wait-value')).toBe('21 phút');
    expect(inner(html, 'total-within-target-value')).toBe('87,5%');
    expect(text(html)).toContain('Được phục vụ trong 15 phút');
    expect(inner(html, 'total-satisfied-value')).toBe('87,5%');
    expect(testIds(html)).toEqual(
      expect.arrayContaining([
        'chart-hour',
        'chart-wait',
        'chart-day',
        'satisfaction',
        'table-field',
        'table-counter',
        'table-officer',
        'table-procedure',
        'table-hour',
      ]),
    );
    expect(html).toContain('<canvas');
    expect(inner(html, 'rating-4')).toContain('Rất hài lòng');
    expect(inner(html, 'rating-4')).toContain('40 (50%)');
    expect(inner(html, 'table-field-hotich')).toMatch(/^Hộ tịch 80 70 8 10 phút 7 phút 87,5%$/);
    expect(inner(html, 'table-counter-c1')).toMatch(/^Quầy 1 60/);
    expect(inner(html, 'table-counter-c2')).toMatch(/^Quầy 2 · Quầy hồ sơ đất đai 60/);
    // Procedures by count, most first; hours with tickets only.
    const ids = testIds(html);
    expect(ids.indexOf('table-procedure-hotich-1')).toBeLessThan(ids.indexOf('table-procedure-hotich-2'));
    expect(ids).not.toContain('table-hour-9');
    expect(inner(html, 'table-hour-8')).toBe('08:00–09:00 50 45 12 phút');
  });

  it('a period without tickets says so instead of empty charts; one day has no day chart', () => {
    const empty = {
      ...report,
      totals: figures({ issued: 0, served: 0, noShow: 0, cancelled: 0, expired: 0, avgWaitSeconds: null }),
      byDay: [],
    };
    const html = render(h(ReportView, { report: empty }));
    expect(inner(html, 'report-empty')).toBe('Không có số liệu trong kỳ này');
    expect(testIds(html)).not.toContain('chart-hour');
    expect(inner(html, 'total-avg-wait-value')).toBe('—');
    const oneDay = render(h(ReportView, { report: { ...report, byDay: report.byDay.slice(0, 1) } }));
    expect(testIds(oneDay)).not.toContain('chart-day');
  });

  it('in English', () => {
    const html = render(h(ReportView, { report }), 'en');
    expect(inner(html, 'report-range')).toBe('5 May 2025 to 11 May 2025 (7 days)');
    expect(inner(html, 'total-within-target-value')).toBe('87.5%');
    expect(text(html)).toContain('Served within 15 min');
  });
});

describe('administration', () => {
  it('fields: every one, inactive ones marked; procedures of the open one', () => {
    const props = {
      services,
      open: 'hotich',
      onEdit: noop,
      onToggle: noop,
      onAddProcedure: noop,
      onEditProcedure: noop,
    };
    const html = render(h(FieldsTable, props));
    expect(inner(html, 'admin-field-hotich')).toMatch(
      /^HOTICH Hộ tịch — 1001–2000 Đang dùng Sửa Thủ tục \(2\) ▲$/,
    );
    expect(tag(html, 'admin-field-cu')).toContain('a-row--inactive');
    expect(text(html)).toContain('Ngừng dùng');
    expect(testIds(html)).toEqual(
      expect.arrayContaining([
        'admin-procedures-hotich',
        'admin-procedure-hotich-1-edit',
        'admin-field-hotich-add-procedure',
      ]),
    );
    expect(text(html)).toContain('1.001193');
    expect(testIds(render(h(FieldsTable, { ...props, open: null })))).not.toContain(
      'admin-procedures-hotich',
    );
  });

  it('the field form: empty to add, filled to edit', () => {
    const add = render(h(ServiceForm, { service: null, onSave: asyncNoop, onClose: noop }));
    expect(text(add)).toContain('Thêm lĩnh vực');
    expect(tag(add, 'input-code')).toContain('value=""');
    const edit = render(h(ServiceForm, { service: services[0]!, onSave: asyncNoop, onClose: noop }));
    expect(text(edit)).toContain('Sửa lĩnh vực “Hộ tịch”');
    expect(tag(edit, 'input-end')).toContain('value="2000"');
    expect(tag(edit, 'input-active')).toContain('checked');
  });

  it('counters: fields in call order, policy, bus addresses', () => {
    const html = render(h(CountersTable, { counters: adminCounters, services, onEdit: noop }));
    const ids = testIds(html);
    expect(ids.indexOf('admin-counter-c1')).toBeLessThan(ids.indexOf('admin-counter-c2'));
    expect(inner(html, 'admin-counter-c2')).toContain('Hộ tịch Lĩnh vực cũ');
    expect(inner(html, 'admin-counter-c2')).toContain('LED 12 · bàn phím — · đánh giá 13');
    expect(inner(html, 'admin-counter-c1')).toContain('Lần lượt theo thứ tự lĩnh vực');
  });

  it('the counter form lists the chosen fields in order and offers the others', () => {
    const html = render(
      h(CounterForm, { counter: adminCounters[0]!, services, onSave: asyncNoop, onClose: noop }),
    );
    expect(testIds(html)).toEqual(expect.arrayContaining(['counter-service-hotich', 'counter-service-cu']));
    expect(testIds(html)).not.toContain('counter-add-service-hotich');
    expect(tag(html, 'input-sign')).toContain('value="12"');
    expect(tag(html, 'input-keypad')).toContain('value=""');
    expect(tag(html, 'input-callPolicy-default')).toContain('checked');
  });

  it('users: role, counter, status; no deactivating oneself', () => {
    const html = render(
      h(UsersTable, { users, selfId: 'u-admin', onEdit: noop, onReset: noop, onActive: noop }),
    );
    expect(inner(html, 'admin-user-canbo1')).toMatch(/^canbo1 Nguyễn Văn A Cán bộ c1 Đang dùng/);
    expect(testIds(html)).not.toContain('admin-user-admin-deactivate');
    expect(testIds(html)).toEqual(
      expect.arrayContaining([
        'admin-user-canbo1-deactivate',
        'admin-user-canbo9-activate',
        'admin-user-canbo1-reset',
      ]),
    );
    expect(inner(html, 'admin-user-canbo9')).toContain('Đã khóa');
  });

  it('devices: last seen, printer, open alerts; the printer form only for kiosks', () => {
    const html = render(
      h(DevicesTable, {
        devices,
        counters: adminCounters,
        defaultPrinter: 'tcp://10.0.0.5:9100',
        nowMs: NOW,
        timeZone: 'Asia/Ho_Chi_Minh',
        onEdit: noop,
        onPrinter: noop,
        onRevoke: noop,
      }),
    );
    expect(inner(html, 'admin-device-d-kiosk')).toContain('5 phút trước');
    expect(inner(html, 'admin-device-d-kiosk')).toContain('Máy in mặc định (tcp://10.0.0.5:9100) · 80 mm');
    expect(inner(html, 'admin-device-d-kiosk-alerts')).toBe('Hết giấy (×3)');
    expect(inner(html, 'admin-device-d-pad')).toMatch(/Thiết bị quầy Quầy 1 Chưa kết nối/);
    expect(testIds(html)).toContain('admin-device-d-kiosk-printer');
    expect(testIds(html)).not.toContain('admin-device-d-pad-printer');
    const form = render(
      h(PrinterForm, { device: devices[0]!, defaultPrinter: null, onSave: asyncNoop, onClose: noop }),
    );
    expect(text(form)).toContain('Để trống: dùng máy in mặc định (chưa có)');
  });

  it('the centre: code read-only, opening hours, notice, thresholds', () => {
    const centre = {
      code: 'DEMO',
      name: 'Trung tâm Phục vụ hành chính công phường Ninh Kiều',
      nameEn: 'Ninh Kieu',
      timeZone: 'Asia/Ho_Chi_Minh',
      address: '',
      hotline: '0292',
      openingHours: [{ days: [1, 2, 3, 4, 5], open: '07:00', close: '11:30' }],
      openNow: true,
      notice: null,
      thresholds: {
        targetWaitMinutes: 15,
        alertWaitMinutes: 20,
        idleAlertMinutes: 5,
        deviceSilentMinutes: 10,
      },
    };
    const html = render(h(CentreForm, { centre, saved: true, onSave: asyncNoop }));
    expect(tag(html, 'input-code')).toContain('readOnly');
    expect(tag(html, 'input-alertWaitMinutes')).toContain('value="20"');
    expect(testIds(html)).toEqual(
      expect.arrayContaining(['hours-0', 'hours-add', 'centre-save', 'centre-saved']),
    );
    expect(inner(html, 'centre-saved')).toBe('Đã lưu');
    expect(text(html)).toContain('Cảnh báo khi một người chờ quá (phút)');
  });

  it('the audit log: when, who, the action in words, what changed', () => {
    const html = render(h(AuditTable, { entries: audit, timeZone: 'Asia/Ho_Chi_Minh' }));
    expect(inner(html, 'audit-7')).toBe(
      '10:30 12/05/2025 admin Sửa lĩnh vực service.updated hotich name: Hộ tịch → Hộ tịch – Khai sinh end: 1999 → 2000',
    );
    expect(inner(html, 'audit-6')).toContain('device.custom_thing');
    expect(text(render(h(AuditTable, { entries: [], timeZone: 'Asia/Ho_Chi_Minh' })))).toContain(
      'Chưa có thay đổi nào',
    );
  });
});
