// Sample hub answers for the dashboard's tests. Each is parsed with the shared schema it stands
// for (so a fixture cannot drift from what the hub may send).
import {
  type AdminCounter,
  type AdminService,
  type AdminUser,
  type AuditEntry,
  type DeviceInfo,
  Overview,
  PeriodReport,
  type ReportFigures,
  type Ticket,
} from '@luot/shared';
import { sampleTicket } from '@luot/shared/fixtures';

export const NOW_ISO = '2025-05-12T03:30:00.000Z'; // 10:30 in Hồ Chí Minh City, a Monday

/** A ticket being served at Quầy 1 by u1. */
export const ticket = (over: Partial<Ticket> = {}): Ticket =>
  sampleTicket({
    id: 't-0123456789abcdef',
    serviceId: 'hotich',
    status: 'serving',
    issuedAt: '2025-05-12T03:00:00.000Z',
    calledAt: '2025-05-12T03:20:00.000Z',
    startedAt: '2025-05-12T03:21:00.000Z',
    counterId: 'c1',
    counterNumber: 1,
    officerId: 'u1',
    ...over,
  });

const counterBase = {
  zone: 'main',
  callPolicy: 'default' as const,
  pauseReason: null,
  officer: null,
  currentTicket: null,
};

export const overview: Overview = Overview.parse({
  serviceDay: '2025-05-12',
  at: NOW_ISO,
  thresholds: { targetWaitMinutes: 15, alertWaitMinutes: 20, idleAlertMinutes: 5, deviceSilentMinutes: 10 },
  fields: [
    { serviceId: 'datdai', name: 'Đất đai', waiting: 0, longestWaitSeconds: null },
    { serviceId: 'hotich', name: 'Hộ tịch', waiting: 7, longestWaitSeconds: 26 * 60 },
    { serviceId: 'chungthuc', name: 'Chứng thực', waiting: 2, longestWaitSeconds: 4 * 60 },
  ],
  counters: [
    {
      ...counterBase,
      id: 'c2',
      number: 2,
      name: 'Quầy 2',
      serviceIds: ['hotich'],
      state: 'open',
      officer: { id: 'u2', displayName: 'Trần Thị B' },
      idleSeconds: 9 * 60,
    },
    {
      ...counterBase,
      id: 'c1',
      number: 1,
      name: 'Quầy 1',
      serviceIds: ['hotich', 'chungthuc'],
      state: 'open',
      officer: { id: 'u1', displayName: 'Nguyễn Văn A' },
      currentTicket: ticket(),
      idleSeconds: null,
    },
    {
      ...counterBase,
      id: 'c3',
      number: 3,
      name: 'Quầy 3',
      serviceIds: ['chungthuc'],
      state: 'paused',
      pauseReason: 'Họp',
      officer: { id: 'u3', displayName: 'Lê Văn C' },
      idleSeconds: 12 * 60,
    },
    {
      ...counterBase,
      id: 'c4',
      number: 4,
      name: 'Quầy 4',
      serviceIds: ['datdai'],
      state: 'closed',
      idleSeconds: null,
    },
  ],
  alerts: [
    {
      kind: 'counter_idle',
      severity: 'warning',
      message: 'Quầy 2 không gọi số 9 phút trong khi có 7 người chờ',
      messageEn: 'Counter 2 idle for 9 min while 7 people wait',
      at: '2025-05-12T03:21:00.000Z',
      ref: 'c2',
    },
    {
      kind: 'long_wait',
      severity: 'critical',
      message: 'Hộ tịch: 3 người chờ quá 20 phút, lâu nhất 26 phút',
      messageEn: 'Civil status: 3 waiting over 20 min, longest 26 min',
      at: '2025-05-12T03:04:00.000Z',
      ref: 'hotich',
    },
  ],
  today: { issued: 1234, served: 40, noShow: 3, waiting: 9, avgWaitSeconds: 11 * 60 },
  lastWeek: { date: '2025-05-05', issued: 1200, served: 52, noShow: 3, avgWaitSeconds: 8 * 60 },
});

export function figures(over: Partial<ReportFigures> = {}): ReportFigures {
  return {
    issued: 120,
    served: 100,
    noShow: 8,
    cancelled: 2,
    expired: 10,
    avgWaitSeconds: 9.5 * 60,
    p90WaitSeconds: 21 * 60,
    avgServiceSeconds: 7 * 60,
    withinTargetShare: 0.875,
    ratings: { '1': 2, '2': 8, '3': 30, '4': 40 },
    satisfiedShare: 70 / 80,
    ...over,
  };
}

export const report: PeriodReport = PeriodReport.parse({
  from: '2025-05-05',
  to: '2025-05-11',
  days: 7,
  targetWaitMinutes: 15,
  totals: figures(),
  byService: [
    { serviceId: 'hotich', name: 'Hộ tịch', ...figures({ issued: 80, served: 70 }) },
    { serviceId: 'chungthuc', name: 'Chứng thực', ...figures({ issued: 40, served: 30 }) },
  ],
  byCounter: [
    { counterId: 'c1', number: 1, name: 'Quầy 1', ...figures({ issued: 60 }) },
    { counterId: 'c2', number: 2, name: 'Quầy hồ sơ đất đai', ...figures({ issued: 60 }) },
  ],
  byOfficer: [{ officerId: 'u1', displayName: 'Nguyễn Văn A', ...figures() }],
  byProcedure: [
    { procedureId: 'hotich-2', serviceId: 'hotich', name: 'Đăng ký kết hôn', count: 12 },
    { procedureId: 'hotich-1', serviceId: 'hotich', name: 'Đăng ký khai sinh', count: 31 },
  ],
  byHour: [
    { hour: 7, issued: 30, served: 20, avgWaitSeconds: 300 },
    { hour: 8, issued: 50, served: 45, avgWaitSeconds: 700 },
    { hour: 9, issued: 0, served: 0, avgWaitSeconds: null },
    { hour: 10, issued: 40, served: 35, avgWaitSeconds: 400 },
  ],
  byDay: [
    { date: '2025-05-05', issued: 60, served: 50, noShow: 4, avgWaitSeconds: 500 },
    { date: '2025-05-06', issued: 60, served: 50, noShow: 4, avgWaitSeconds: 640 },
  ],
  waitDistribution: [
    [0, 5, 30],
    [5, 10, 25],
    [10, 15, 20],
    [15, 20, 10],
    [20, 30, 10],
    [30, 45, 5],
    [45, 60, 0],
    [60, null, 0],
  ].map(([fromMinutes, toMinutes, count]) => ({ fromMinutes, toMinutes, count })),
});

export const services: AdminService[] = [
  {
    id: 'hotich',
    code: 'HOTICH',
    name: 'Hộ tịch',
    nameEn: 'Civil status',
    prefix: '',
    start: 1001,
    end: 2000,
    icon: 'family',
    active: true,
    sortOrder: 0,
    meanServiceMinutes: 9,
    procedures: [
      {
        id: 'hotich-1',
        code: '1.001193',
        name: 'Đăng ký khai sinh',
        nameEn: 'Birth registration',
        active: true,
        sortOrder: 0,
      },
      {
        id: 'hotich-9',
        code: null,
        name: 'Thủ tục cũ',
        nameEn: 'Old procedure',
        active: false,
        sortOrder: 1,
      },
    ],
  },
  {
    id: 'cu',
    code: 'CU',
    name: 'Lĩnh vực cũ',
    nameEn: 'Old field',
    prefix: 'X',
    start: 1,
    end: 99,
    icon: '',
    active: false,
    sortOrder: 1,
    meanServiceMinutes: 10,
    procedures: [],
  },
];

export const adminCounters: AdminCounter[] = [
  {
    ...counterBase,
    id: 'c2',
    number: 2,
    name: 'Quầy 2',
    serviceIds: ['hotich', 'cu'],
    state: 'closed',
    active: true,
    deviceAddresses: { sign: 12, keypad: null, pad: 13 },
  },
  {
    ...counterBase,
    id: 'c1',
    number: 1,
    name: 'Quầy 1',
    serviceIds: ['hotich'],
    callPolicy: 'strict',
    state: 'open',
    active: true,
    deviceAddresses: { sign: null, keypad: null, pad: null },
  },
];

export const users: AdminUser[] = [
  {
    id: 'u-admin',
    username: 'admin',
    displayName: 'Quản trị viên',
    role: 'admin',
    active: true,
    createdAt: NOW_ISO,
    counterId: null,
  },
  {
    id: 'u1',
    username: 'canbo1',
    displayName: 'Nguyễn Văn A',
    role: 'officer',
    active: true,
    createdAt: NOW_ISO,
    counterId: 'c1',
  },
  {
    id: 'u9',
    username: 'canbo9',
    displayName: 'Đã nghỉ',
    role: 'officer',
    active: false,
    createdAt: NOW_ISO,
    counterId: null,
  },
];

export const devices: DeviceInfo[] = [
  {
    id: 'd-kiosk',
    kind: 'kiosk',
    name: 'Kiosk sảnh',
    counterId: null,
    zone: null,
    lastSeenAt: '2025-05-12T03:25:00.000Z',
    printer: { uri: null, paper: 80, mode: 'raster' },
    alerts: [
      {
        id: 'a1',
        kind: 'printer',
        code: 'paper_out',
        message: 'Hết giấy',
        at: '2025-05-12T03:00:00.000Z',
        lastAt: '2025-05-12T03:20:00.000Z',
        count: 3,
      },
    ],
  },
  {
    id: 'd-pad',
    kind: 'counter',
    name: 'Bảng đánh giá quầy 1',
    counterId: 'c1',
    zone: null,
    lastSeenAt: null,
    printer: null,
    alerts: [],
  },
];

export const audit: AuditEntry[] = [
  {
    id: '7',
    at: NOW_ISO,
    userId: 'u-admin',
    username: 'admin',
    action: 'service.updated',
    target: 'hotich',
    before: { name: 'Hộ tịch', active: true, end: 1999 },
    after: { name: 'Hộ tịch – Khai sinh', active: true, end: 2000 },
  },
  {
    id: '6',
    at: NOW_ISO,
    userId: 'u-admin',
    username: 'admin',
    action: 'device.custom_thing',
    target: null,
    before: null,
    after: { kind: 'kiosk', name: 'Kiosk 2' },
  },
];
