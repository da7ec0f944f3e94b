// Kiosk-only texts that @luot/ui's shared strings do not have (same keys in both languages;
// the type holds that). Shared texts come from i18next (`t('issued.takeTicket')`).
import type { Language } from '@luot/ui';

const vi = {
  priorityMode: 'Lượt ưu tiên',
  changePriority: 'Đổi nhóm ưu tiên',
  serviceName: 'Lĩnh vực',
  closedNote: 'Chưa có quầy mở, quầy sẽ mở sau',
  unavailable: 'Tạm thời chưa nhận hồ sơ lĩnh vực này',
  openingHours: 'Giờ làm việc: {{hours}}',
  noFields: 'Chưa có lĩnh vực nào. Vui lòng hỏi cán bộ hướng dẫn.',
  waitForCall: 'Vui lòng chờ gọi số trên màn hình',
  issuedTapHint: 'Chạm "Xong" khi đã nhận phiếu',
  waiting: 'Đang chờ',
  calledNow: 'Đến lượt bạn!',
  autoRefresh: 'Trang tự động cập nhật',
  updatedAt: 'Cập nhật lúc {{time}}',
  statusUnreachable: 'Chưa kết nối được máy chủ, đang thử lại…',
  noTicketId: 'Đường dẫn không có mã phiếu.',
  pairingHint: 'Cán bộ kỹ thuật nhập mã ghép nối để kết nối máy lấy số với hệ thống.',
  pairingNetwork: 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng rồi thử lại.',
  pairingBusy: 'Đang ghép nối…',
  pairingWrongKind: 'Mã này không dành cho máy lấy số. Vui lòng tạo mã loại "kiosk".',
  priorityGroupHint: 'Xuất trình giấy tờ khi được gọi nếu cán bộ yêu cầu',
  searchCount: '{{count}} thủ tục',
  procedureOtherHint: 'Cán bộ sẽ hướng dẫn thêm',
  rateTitle: 'Quý khách vui lòng đánh giá mức độ hài lòng',
  rate1: 'Không hài lòng',
  rate2: 'Bình thường',
  rate3: 'Hài lòng',
  rate4: 'Rất hài lòng',
  rateSending: 'Đang gửi đánh giá…',
  rateFailed: 'Chưa gửi được đánh giá. Vui lòng thử lại.',
  rateThanks: 'Cảm ơn quý khách đã đánh giá!',
  rateClosed: 'Đã hết thời gian đánh giá (trong {{minutes}} phút sau khi hoàn thành).',
};

export type KioskStrings = typeof vi;

const en: KioskStrings = {
  priorityMode: 'Priority ticket',
  changePriority: 'Change priority group',
  serviceName: 'Field',
  closedNote: 'No counter open yet, it will open later',
  unavailable: 'Not taking this field at the moment',
  openingHours: 'Opening hours: {{hours}}',
  noFields: 'No fields yet. Please ask a staff member.',
  waitForCall: 'Please wait for your number on the screen',
  issuedTapHint: 'Touch "Done" once you have your ticket',
  waiting: 'Waiting',
  calledNow: 'It is your turn!',
  autoRefresh: 'This page updates by itself',
  updatedAt: 'Updated at {{time}}',
  statusUnreachable: 'Cannot reach the server yet, trying again…',
  noTicketId: 'This link has no ticket id.',
  pairingHint: 'A technician enters the pairing code to connect this kiosk to the system.',
  pairingNetwork: 'Cannot reach the server. Please check the network and try again.',
  pairingBusy: 'Pairing…',
  pairingWrongKind: 'This code is not for a kiosk. Please make a code of kind "kiosk".',
  priorityGroupHint: 'Show your papers when called if staff ask for them',
  searchCount: '{{count}} procedures',
  procedureOtherHint: 'Staff will help you further',
  rateTitle: 'Please rate our service',
  rate1: 'Unsatisfied',
  rate2: 'Okay',
  rate3: 'Satisfied',
  rate4: 'Very satisfied',
  rateSending: 'Sending your rating…',
  rateFailed: 'Could not send the rating. Please try again.',
  rateThanks: 'Thank you for your rating!',
  rateClosed: 'Rating is closed (it is open for {{minutes}} minutes after service).',
};

export const KIOSK_STRINGS: Record<Language, KioskStrings> = { vi, en };

/** A kiosk text with `{{name}}` placeholders filled in. */
export function kioskText(
  language: Language,
  key: keyof KioskStrings,
  values: Record<string, string | number> = {},
): string {
  return KIOSK_STRINGS[language][key].replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
    String(values[name] ?? ''),
  );
}
