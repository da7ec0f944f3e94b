import { describe, expect, it } from 'vitest';
import { filterBySearch, foldVietnamese, matchesSearch, searchWords } from './text.ts';

describe('foldVietnamese', () => {
  it.each([
    ['Đăng ký kết hôn', 'dang ky ket hon'],
    ['ĐĂNG KÝ KHAI SINH', 'dang ky khai sinh'],
    ['Chứng thực', 'chung thuc'],
    ['Ưu tiên', 'uu tien'],
    ['Người có công với cách mạng', 'nguoi co cong voi cach mang'],
    ['Hộ tịch', 'ho tich'],
    ['Đất đai', 'dat dai'],
    ['Phụ nữ mang thai', 'phu nu mang thai'],
    ['Khác / không rõ', 'khac / khong ro'],
    ['  nhiều   khoảng\ttrắng \n', 'nhieu khoang trang'],
    ['ỳ ỷ ỹ ỵ Ỳ', 'y y y y y'],
    ['ấ ầ ẩ ẫ ậ ắ ằ ẳ ẵ ặ', 'a a a a a a a a a a'],
    ['ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ứ ừ ử ữ ự', 'e e e e e o o o o o o o o o o u u u u u'],
    ['abc 123', 'abc 123'],
    ['', ''],
  ])('%j → %j', (input, folded) => {
    expect(foldVietnamese(input)).toBe(folded);
  });

  it('treats NFC and NFD input alike', () => {
    const nfc = 'Đăng ký kết hôn'.normalize('NFC');
    const nfd = 'Đăng ký kết hôn'.normalize('NFD');
    expect(nfc).not.toBe(nfd);
    expect(foldVietnamese(nfd)).toBe(foldVietnamese(nfc));
  });

  it('folds every Vietnamese letter to ASCII', () => {
    const letters = 'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ';
    const folded = foldVietnamese(letters + letters.toUpperCase());
    expect(folded).toMatch(/^[a-z]+$/);
  });
});

describe('matchesSearch', () => {
  const title = 'Đăng ký kết hôn';
  it.each([
    ['dang ky ket hon', true],
    ['Dang Ky Ket Hon', true],
    ['ĐĂNG KÝ KẾT HÔN', true],
    ['đăng ký kết hôn', true],
    ['ket hon', true],
    ['hon ket', true], // any order
    ['ket', true],
    ['kết', true],
    ['hôn nhân', false], // every word must be there
    ['khai sinh', false],
    ['', true],
    ['   ', true],
    ['dang-ky', true], // punctuation separates words
    ['dangky', false],
  ])('%j in "Đăng ký kết hôn": %s', (query, expected) => {
    expect(matchesSearch(title, query)).toBe(expected);
  });

  it('matches inside words and across punctuation in the haystack', () => {
    expect(matchesSearch('Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch', 'cai chinh ho tich')).toBe(
      true,
    );
    expect(matchesSearch('Chứng thực hợp đồng, giao dịch', 'hop dong giao dich')).toBe(true);
    expect(matchesSearch('Cấp giấy phép xây dựng nhà ở riêng lẻ', 'giay phep xd')).toBe(false);
    expect(matchesSearch('Cấp giấy phép xây dựng nhà ở riêng lẻ', 'phep xay')).toBe(true);
  });

  it('does not confuse d and đ with other letters', () => {
    expect(matchesSearch('Đất đai', 'dat dai')).toBe(true);
    expect(matchesSearch('Đất đai', 'tat tai')).toBe(false);
  });

  it('splits queries into words', () => {
    expect(searchWords(' Đăng-ký / kết   hôn! ')).toEqual(['dang', 'ky', 'ket', 'hon']);
  });
});

describe('filterBySearch', () => {
  const procedures = [
    'Đăng ký khai sinh',
    'Đăng ký kết hôn có yếu tố nước ngoài',
    'Đăng ký kết hôn',
    'Đăng ký khai tử',
    'Cấp Giấy xác nhận tình trạng hôn nhân',
  ];
  it('keeps matches only, the closest first', () => {
    expect(filterBySearch(procedures, 'dang ky ket hon', (s) => s)).toEqual([
      'Đăng ký kết hôn',
      'Đăng ký kết hôn có yếu tố nước ngoài',
    ]);
    expect(filterBySearch(procedures, 'hon', (s) => s)).toEqual([
      'Đăng ký kết hôn',
      'Đăng ký kết hôn có yếu tố nước ngoài',
      'Cấp Giấy xác nhận tình trạng hôn nhân',
    ]);
    // a word that starts with the query comes before a match inside a word
    expect(filterBySearch(['Đăng ký', 'An ninh trật tự'], 'an', (s) => s)).toEqual([
      'An ninh trật tự',
      'Đăng ký',
    ]);
    expect(filterBySearch(['Nghề thủ công', 'Hộ tịch'], 'ho', (s) => s)).toEqual(['Hộ tịch']);
    expect(filterBySearch(procedures, 'khai', (s) => s)).toEqual(['Đăng ký khai tử', 'Đăng ký khai sinh']);
  });
  it('returns everything for an empty query and nothing without a match', () => {
    expect(filterBySearch(procedures, '', (s) => s)).toEqual(procedures);
    expect(filterBySearch(procedures, 'xay dung', (s) => s)).toEqual([]);
  });
});
