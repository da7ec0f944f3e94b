// Display-only texts that @luot/ui's shared strings do not have (same keys in both languages; the
// type holds that). Shared texts (connection, pairing, clock) come from i18next.
import type { Language } from '@luot/ui';

const vi = {
  nowCalling: 'Mời số',
  counterN: 'Quầy {{n}}',
  recall: 'Gọi lại',
  recentCalls: 'Số vừa gọi',
  noCallsYet: 'Chưa gọi số nào',
  counters: 'Các quầy',
  waitingTitle: 'Số người đang chờ',
  noFields: 'Chưa có lĩnh vực nào',
  ready: 'Sẵn sàng',
  paused: 'Tạm dừng',
  closed: 'Đóng',
  counterReady: 'Xin mời',
  counterPaused: 'Tạm dừng phục vụ',
  counterClosed: 'Quầy đóng',
  counterMissing: 'Chưa chọn quầy: thêm ?counter=SỐ QUẦY vào địa chỉ',
  counterUnknown: 'Không có quầy số {{n}}',
  enableSound: 'Chạm để bật âm thanh',
  pairingHint: 'Cán bộ kỹ thuật nhập mã ghép nối để kết nối màn hình với hệ thống.',
  pairingNetwork: 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng rồi thử lại.',
  pairingBusy: 'Đang ghép nối…',
  pairingWrongKind: 'Mã này không dành cho màn hình. Vui lòng tạo mã loại "display".',
  media: 'Thông tin',
};

export type DisplayStrings = typeof vi;
export type DisplayKey = keyof DisplayStrings;

const en: DisplayStrings = {
  nowCalling: 'Now calling',
  counterN: 'Counter {{n}}',
  recall: 'Recall',
  recentCalls: 'Recent calls',
  noCallsYet: 'No number called yet',
  counters: 'Counters',
  waitingTitle: 'People waiting',
  noFields: 'No fields yet',
  ready: 'Ready',
  paused: 'Paused',
  closed: 'Closed',
  counterReady: 'Welcome',
  counterPaused: 'Service paused',
  counterClosed: 'Counter closed',
  counterMissing: 'No counter chosen: add ?counter=NUMBER to the address',
  counterUnknown: 'There is no counter {{n}}',
  enableSound: 'Tap to enable sound',
  pairingHint: 'A technician enters the pairing code to connect this screen to the system.',
  pairingNetwork: 'Cannot reach the server. Please check the network and try again.',
  pairingBusy: 'Pairing…',
  pairingWrongKind: 'This code is not for a display. Please make a code of kind "display".',
  media: 'Information',
};

export const DISPLAY_STRINGS: Record<Language, DisplayStrings> = { vi, en };

/** A display text with `{{name}}` placeholders filled in. */
export function displayText(
  language: Language,
  key: DisplayKey,
  values: Record<string, string | number> = {},
): string {
  return DISPLAY_STRINGS[language][key].replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
    String(values[name] ?? ''),
  );
}
