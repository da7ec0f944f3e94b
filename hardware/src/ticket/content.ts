// What a ticket says, line by line, independent of how it is printed (raster or printer text).
import { zonedParts } from '@luot/shared';
import type { TicketLayout } from '../types.ts';

export type LineStyle =
  | 'centre'
  | 'service'
  | 'label'
  | 'number'
  | 'priority'
  | 'counter'
  | 'info'
  | 'time'
  | 'footerBold'
  | 'footer'
  | 'hint';

export type TicketBlock = { style: LineStyle; text: string } | { style: 'rule' };

/** "dd/MM/yyyy HH:mm" of an instant in a time zone (IANA name), 24-hour clock. */
export function formatIssueTime(epochMs: number, timeZone: string): string {
  const p = zonedParts(epochMs, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(p.day)}/${two(p.month)}/${p.year} ${two(p.hour)}:${two(p.minute)}`;
}

/** "Mời đến quầy 1, 3" (counters in ascending order, no repeats). */
export function counterLine(counterNumbers: readonly number[]): string {
  const nums = [...new Set(counterNumbers)].sort((a, b) => a - b);
  return nums.length > 0 ? `Mời đến quầy ${nums.join(', ')}` : 'Vui lòng theo dõi màn hình gọi số';
}

/** The ticket's blocks, top to bottom. The QR code (printed natively) follows the last one. */
export function ticketContent(layout: TicketLayout): TicketBlock[] {
  const blocks: TicketBlock[] = [
    { style: 'centre', text: layout.centreName.toLocaleUpperCase('vi') },
    { style: 'rule' },
    { style: 'service', text: layout.serviceName },
    { style: 'label', text: 'SỐ THỨ TỰ' },
    { style: 'number', text: layout.displayNumber },
  ];
  if (layout.priorityLabel) blocks.push({ style: 'priority', text: `ƯU TIÊN · ${layout.priorityLabel}` });
  const minutes = Math.max(0, Math.round(layout.estimatedWaitMinutes));
  blocks.push(
    { style: 'counter', text: counterLine(layout.counterNumbers) },
    { style: 'info', text: `Trước bạn còn ${Math.max(0, layout.waitingAhead)} người` },
    {
      style: 'info',
      text:
        minutes > 0 ? `Thời gian chờ dự kiến khoảng ${minutes} phút` : 'Thời gian chờ dự kiến dưới 1 phút',
    },
    { style: 'time', text: `Giờ lấy số: ${formatIssueTime(layout.issuedAt, layout.timeZone)}` },
    { style: 'rule' },
    { style: 'footerBold', text: 'Vui lòng giữ phiếu' },
  );
  if (layout.hotline.trim())
    blocks.push({ style: 'footer', text: `Đường dây nóng: ${layout.hotline.trim()}` });
  if (layout.statusUrl) blocks.push({ style: 'hint', text: 'Quét mã QR để theo dõi lượt của bạn' });
  return blocks;
}
