// Vietnamese strings (the default language). en.ts must have exactly the same keys.
import { PRIORITY_NAMES } from '@luot/shared';

export const vi = {
  common: {
    appName: 'Lượt',
    back: 'Quay lại',
    cancel: 'Hủy',
    done: 'Xong',
    home: 'Về màn hình chính',
    retry: 'Thử lại',
    loading: 'Đang tải…',
  },
  language: {
    choose: 'Chọn ngôn ngữ',
  },
  connection: {
    connecting: 'Đang kết nối…',
    offline: 'Mất kết nối, đang kết nối lại…',
  },
  clock: {
    label: 'Ngày giờ hiện tại',
  },
  dataTable: {
    empty: 'Không có dữ liệu',
    sortAscending: 'Sắp xếp theo {{column}}, tăng dần',
    sortDescending: 'Sắp xếp theo {{column}}, giảm dần',
  },
  idle: {
    tapToStart: 'Chạm để lấy số thứ tự',
  },
  fields: {
    title: 'Chọn lĩnh vực cần giải quyết',
    waiting_one: '{{count}} người đang chờ',
    waiting_other: '{{count}} người đang chờ',
    nobodyWaiting: 'Không có người chờ',
    noOpenCounter: 'Chưa có quầy mở',
    outOfHours: 'Ngoài giờ làm việc',
  },
  priority: {
    button: 'Ưu tiên',
    title: 'Chọn đối tượng ưu tiên',
    hint: 'Dành cho người cao tuổi, người khuyết tật, phụ nữ mang thai, người đi cùng trẻ nhỏ và người có công',
    groups: {
      elderly: PRIORITY_NAMES.elderly.vi,
      disabled: PRIORITY_NAMES.disabled.vi,
      pregnant: PRIORITY_NAMES.pregnant.vi,
      child: PRIORITY_NAMES.child.vi,
      merit: PRIORITY_NAMES.merit.vi,
    },
  },
  procedure: {
    title: 'Chọn thủ tục',
    search: 'Tìm thủ tục',
    searchPlaceholder: 'Nhập tên thủ tục, ví dụ: đăng ký kết hôn',
    other: 'Khác / không rõ',
    noResults: 'Không tìm thấy thủ tục phù hợp',
  },
  issuing: {
    inProgress: 'Đang lấy số…',
    failed: 'Chưa lấy được số thứ tự. Vui lòng thử lại hoặc hỏi cán bộ hướng dẫn.',
  },
  issued: {
    yourNumber: 'Số thứ tự của bạn',
    goToCounters_one: 'Mời đến quầy {{counters}}',
    goToCounters_other: 'Mời đến quầy {{counters}}',
    peopleAhead_one: 'Trước bạn còn {{count}} người',
    peopleAhead_other: 'Trước bạn còn {{count}} người',
    estimatedWait: 'Thời gian chờ dự kiến khoảng {{minutes}} phút',
    takeTicket: 'Vui lòng nhận phiếu',
    printing: 'Đang in phiếu…',
    printFailed: 'Không in được phiếu. Vui lòng ghi nhớ số thứ tự hoặc hỏi cán bộ hướng dẫn.',
    scanQr: 'Quét mã QR để theo dõi lượt của bạn',
  },
  pairing: {
    title: 'Ghép nối thiết bị',
    enterCode: 'Nhập mã ghép nối',
    submit: 'Ghép nối',
    invalidCode: 'Mã ghép nối không đúng hoặc đã hết hạn.',
    tooManyAttempts: 'Nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.',
  },
  status: {
    title: 'Theo dõi lượt',
    yourNumber: 'Số thứ tự của bạn',
    calledTo: 'Mời đến quầy {{counter}}',
    serving: 'Đang được phục vụ tại quầy {{counter}}',
    done: 'Đã phục vụ xong. Cảm ơn bạn!',
    noShow: 'Đã qua lượt. Vui lòng hỏi cán bộ hướng dẫn.',
    cancelled: 'Số thứ tự đã bị hủy.',
    expired: 'Số thứ tự đã hết hạn.',
    notFound: 'Không tìm thấy phiếu.',
  },
};

/** The shape every language must have. */
export type Translation = typeof vi;
