import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { getDot } from '../escpos/raster.ts';
import { formatIssueTime, type LineStyle, ticketContent } from './content.ts';
import {
  ensureTicketFonts,
  fontString,
  layoutTicket,
  renderTicket,
  wrapBalanced,
  wrapText,
} from './render.ts';
import { sampleLayout } from './sample.ts';

ensureTicketFonts();
const ctx = createCanvas(8, 8).getContext('2d');
function measurer(font: string) {
  return (s: string) => {
    ctx.font = font;
    return ctx.measureText(s).width;
  };
}

const TEXTS = [
  'Trung tâm Phục vụ hành chính công phường Ninh Kiều',
  'Đăng ký kết hôn có yếu tố nước ngoài',
  'Người có công',
  'Hỗ trợ dịch vụ công trực tuyến',
  'Thời gian chờ dự kiến khoảng 35 phút',
  'Supercalifragilisticexpialidocious-Nghiêngnghiêngnghiêng khoảng',
];

describe('wrapText', () => {
  for (const wrap of [wrapText, wrapBalanced]) {
    it(`${wrap.name}: lines never exceed the width and keep every word in order`, () => {
      for (const weight of ['Regular', 'Bold'] as const) {
        const measure = measurer(fontString(weight, 28));
        for (const text of TEXTS) {
          for (const maxWidth of [120, 200, 364, 556]) {
            const lines = wrap(text, maxWidth, measure);
            for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(maxWidth);
            // Joining the lines gives the text back (a broken long word joins without a space).
            expect(lines.join(' ').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
            for (const word of text.split(' ')) {
              if (measure(word) <= maxWidth)
                expect(lines.some((l) => l.split(' ').includes(word))).toBe(true);
            }
          }
        }
      }
    });
  }

  it('breaks a word wider than the line by characters, keeping tone marks on their letters', () => {
    const measure = measurer(fontString('Bold', 28));
    const lines = wrapText('Nghiêngnghiêngnghiêngnghiêng', 100, measure);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) {
      expect(measure(l)).toBeLessThanOrEqual(100);
      expect(l.normalize('NFC')).toBe(l);
      expect(l).not.toMatch(/^[\u0300-\u036f]/);
    }
  });

  it('balances: no lone last word when an even split exists', () => {
    const measure = measurer(fontString('Bold', 22));
    const lines = wrapBalanced('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG NINH KIỀU', 364, measure);
    expect(lines.length).toBe(
      wrapText('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG NINH KIỀU', 364, measure).length,
    );
    expect(lines.at(-1)!.split(' ').length).toBeGreaterThan(1);
  });
});

describe('layoutTicket / renderTicket', () => {
  it('places every line within its width, and every word of every block', () => {
    for (const long of [true, false]) {
      for (const paper of [58, 80] as const) {
        const layout = sampleLayout(long);
        const plan = layoutTicket(layout, paper);
        for (const line of plan.lines) expect(line.width).toBeLessThanOrEqual(line.maxWidth);
        for (const op of plan.ops) {
          if (op.kind !== 'text') continue;
          expect(op.x).toBeGreaterThanOrEqual(0);
          expect(op.x + op.width).toBeLessThanOrEqual(plan.width + 0.5);
        }
        const byStyle = new Map<LineStyle, string>();
        for (const l of plan.lines) byStyle.set(l.style, `${byStyle.get(l.style) ?? ''} ${l.text}`);
        for (const block of ticketContent(layout)) {
          if (block.style === 'rule') continue;
          const placed = byStyle.get(block.style) ?? '';
          for (const word of block.text.split(' ')) expect(placed.split(' ')).toContain(word);
        }
      }
    }
  });

  it('leaves room for stacked marks: no line ink reaches into the next line', () => {
    const layout = { ...sampleLayout(true), centreName: 'ỖẬẪỄỮỶ ỖẬẪỄỮỶ ỖẬẪỄỮỶ ỖẬẪỄỮỶ ỸỴ ỖẬẪỄỮỶ' };
    for (const paper of [58, 80] as const) {
      const plan = layoutTicket(layout, paper);
      const texts = plan.ops.filter((o) => o.kind === 'text' && !o.white);
      for (let i = 1; i < texts.length; i++) {
        const a = texts[i - 1]!;
        const b = texts[i]!;
        if (a.kind !== 'text' || b.kind !== 'text') continue;
        ctx.font = a.font;
        const bottomA = a.y + ctx.measureText(a.text).actualBoundingBoxDescent;
        ctx.font = b.font;
        const topB = b.y - ctx.measureText(b.text).actualBoundingBoxAscent;
        expect(topB, `"${a.text}" / "${b.text}"`).toBeGreaterThan(bottomA);
      }
    }
  });

  it('renders 384 / 576 dots wide, content height, nothing cut at the edges', () => {
    for (const [paper, width] of [
      [58, 384],
      [80, 576],
    ] as const) {
      const { image } = renderTicket(sampleLayout(true), paper);
      expect(image.width).toBe(width);
      expect(image.height).toBeGreaterThan(width);
      expect(image.data.length).toBe((width / 8) * image.height);
      for (const y of [0, 1, image.height - 2, image.height - 1]) {
        for (let x = 0; x < width; x++) expect(getDot(image, x, y)).toBe(false);
      }
      for (let y = 0; y < image.height; y++) {
        expect(getDot(image, 0, y)).toBe(false);
        expect(getDot(image, width - 1, y)).toBe(false);
      }
    }
  });

  it('the long sample has more rows than the short one', () => {
    for (const paper of [58, 80] as const) {
      const long = renderTicket(sampleLayout(true), paper).image;
      const short = renderTicket(sampleLayout(false), paper).image;
      expect(long.height).toBeGreaterThan(short.height);
    }
  });

  it('draws the number at least a third of the paper width tall', () => {
    for (const paper of [58, 80] as const) {
      const plan = layoutTicket(sampleLayout(true), paper);
      const op = plan.ops.find((o) => o.kind === 'text' && o.text === '1012');
      expect(op?.kind).toBe('text');
      if (op?.kind !== 'text') return;
      ctx.font = op.font;
      const m = ctx.measureText(op.text);
      expect(m.actualBoundingBoxAscent + m.actualBoundingBoxDescent).toBeGreaterThanOrEqual(plan.width / 3);
    }
  });
});

describe('content', () => {
  it('formats issue time as dd/MM/yyyy HH:mm in the centre time zone', () => {
    const t = Date.UTC(2025, 2, 12, 17, 5);
    expect(formatIssueTime(t, 'Asia/Ho_Chi_Minh')).toBe('13/03/2025 00:05');
    expect(formatIssueTime(t, 'UTC')).toBe('12/03/2025 17:05');
  });

  it('says what the issue asks for', () => {
    const texts = ticketContent(sampleLayout(true)).map((b) => ('text' in b ? b.text : '-'));
    expect(texts).toContain('Mời đến quầy 1, 3');
    expect(texts).toContain('Trước bạn còn 12 người');
    expect(texts).toContain('Thời gian chờ dự kiến khoảng 35 phút');
    expect(texts).toContain('ƯU TIÊN · Người cao tuổi');
    expect(texts).toContain('Giờ lấy số: 12/03/2025 08:05');
    expect(texts).toContain('Vui lòng giữ phiếu');
    expect(texts).toContain('Đường dây nóng: 0292 3820 123');
    expect(texts).toContain('1012');
    expect(ticketContent(sampleLayout(false)).some((b) => b.style === 'priority')).toBe(false);
  });
});
