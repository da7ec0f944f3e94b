// Vietnamese text helpers for search: typed without diacritics ("dang ky ket hon") still finds
// "Đăng ký kết hôn", whatever the case or Unicode form (NFC, NFD) of either side.

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Lower case, without diacritics (đ → d), whitespace collapsed and trimmed. */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a folded text: letters and digits only (punctuation separates words). */
export function searchWords(s: string): string[] {
  return foldVietnamese(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/**
 * True when every word of `query` appears in `haystack` (in any order, as part of a word),
 * ignoring diacritics, case and punctuation. An empty query matches everything.
 */
export function matchesSearch(haystack: string, query: string): boolean {
  const words = searchWords(query);
  if (words.length === 0) return true;
  const text = ` ${searchWords(haystack).join(' ')} `;
  return words.every((w) => text.includes(w));
}

/**
 * The items matching `query`, best first: those where a word of the text starts with each query
 * word (then a shorter text) come before matches inside words. Stable otherwise.
 */
export function filterBySearch<T>(items: readonly T[], query: string, text: (item: T) => string): T[] {
  const words = searchWords(query);
  if (words.length === 0) return [...items];
  const scored: { item: T; score: number; index: number }[] = [];
  items.forEach((item, index) => {
    const haystack = text(item);
    if (!matchesSearch(haystack, query)) return;
    const folded = ` ${searchWords(haystack).join(' ')}`;
    const prefixHits = words.filter((w) => folded.includes(` ${w}`)).length;
    scored.push({ item, score: prefixHits * 1000 - folded.length, index });
  });
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).map((s) => s.item);
}
