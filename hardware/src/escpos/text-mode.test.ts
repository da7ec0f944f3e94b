import { describe, expect, it } from 'vitest';
import { decodeCp1258, encodeCp1258, SELECT_CP1258, toAscii, toCp1258Form } from './text-mode.ts';

const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
// none, huyền, sắc, hỏi, ngã, nặng
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

function allLetters(): string[] {
  const out: string[] = [];
  for (const v of VOWELS) {
    for (const t of TONES) {
      out.push((v + t).normalize('NFC'), (v.toUpperCase() + t).normalize('NFC'));
    }
  }
  out.push('đ', 'Đ');
  return out;
}

describe('Windows-1258 encoder', () => {
  it('has 12 vowels x 6 tones x 2 cases + đ/Đ, all distinct precomposed letters', () => {
    const letters = allLetters();
    expect(letters).toHaveLength(12 * 6 * 2 + 2);
    expect(new Set(letters).size).toBe(letters.length);
    for (const l of letters) expect(Array.from(l)).toHaveLength(1);
  });

  it('round-trips every Vietnamese letter with every tone, one by one', () => {
    for (const letter of allLetters()) {
      const body = encodeCp1258(letter, { selectCodePage: false });
      expect(body.includes(0x3f), `"${letter}" has no "?"`).toBe(false);
      expect(body.length).toBeLessThanOrEqual(2);
      expect(decodeCp1258(body)).toBe(letter);
    }
  });

  it('round-trips all of them in one string, and real sentences', () => {
    const all = allLetters().join(' ');
    expect(decodeCp1258(encodeCp1258(all, { selectCodePage: false }))).toBe(all);
    for (const s of [
      'Trung tâm Phục vụ hành chính công phường Ninh Kiều',
      'Đăng ký kết hôn có yếu tố nước ngoài',
      'Người có công',
      'Hỗ trợ dịch vụ công trực tuyến',
      'Thời gian chờ dự kiến khoảng 35 phút',
      'ƯU TIÊN · NGƯỜI CAO TUỔI',
    ]) {
      expect(decodeCp1258(encodeCp1258(s, { selectCodePage: false }))).toBe(s.normalize('NFC'));
    }
  });

  it('accepts decomposed input (NFD) and gives the NFC original back', () => {
    const s = 'Hỗ trợ dịch vụ'.normalize('NFD');
    expect(decodeCp1258(encodeCp1258(s, { selectCodePage: false }))).toBe(s.normalize('NFC'));
  });

  it('keeps letters cp1258 has precomposed, splits the tone mark off the others', () => {
    expect([...encodeCp1258('à', { selectCodePage: false })]).toEqual([0xe0]);
    expect([...encodeCp1258('ệ', { selectCodePage: false })]).toEqual([0xea, 0xf2]); // ê + dot below
    expect([...encodeCp1258('ữ', { selectCodePage: false })]).toEqual([0xfd, 0xde]); // ư + tilde
    expect([...encodeCp1258('Ở', { selectCodePage: false })]).toEqual([0xd5, 0xd2]); // Ơ + hook above
    expect([...encodeCp1258('đ', { selectCodePage: false })]).toEqual([0xf0]);
    expect(toCp1258Form('ẵ')).toBe('ă\u0303');
  });

  it('prefixes ESC t 52 by default', () => {
    const bytes = encodeCp1258('Số');
    expect([...bytes.subarray(0, 3)]).toEqual([...SELECT_CP1258]);
    expect([...SELECT_CP1258]).toEqual([0x1b, 0x74, 52]);
    expect(decodeCp1258(bytes.subarray(3))).toBe('Số');
  });
});

describe('ASCII fallback', () => {
  it('strips every tone and letter mark', () => {
    const letters = allLetters();
    const ascii = letters.map(toAscii);
    for (const a of ascii) expect(a).toMatch(/^[aeiouyAEIOUYdD]$/);
    expect(toAscii('đ Đ ư Ư ơ Ơ ă Ă â Â ê Ê ô Ô')).toBe('d D u U o O a A a A e E o O');
  });

  it('handles real names', () => {
    expect(toAscii('Đăng ký kết hôn có yếu tố nước ngoài')).toBe('Dang ky ket hon co yeu to nuoc ngoai');
    expect(toAscii('Người có công')).toBe('Nguoi co cong');
    expect(toAscii('Hỗ trợ dịch vụ công trực tuyến')).toBe('Ho tro dich vu cong truc tuyen');
    expect(toAscii('ƯU TIÊN · Người cao tuổi')).toBe('UU TIEN - Nguoi cao tuoi');
    expect(toAscii('Mời đến quầy 1, 3'.normalize('NFD'))).toBe('Moi den quay 1, 3');
  });

  it('never outputs non-ASCII', () => {
    expect(toAscii('漢字 ≥ €')).toMatch(/^[\x20-\x7e]*$/);
  });
});
