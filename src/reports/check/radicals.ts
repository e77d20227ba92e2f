/**
 * Radical code points for ordinary characters. Some PDF producers (Chromium/Skia printing Noto CJK fonts) map a
 * glyph shared by a character and a radical to the radical in the font's ToUnicode map: 「人民」 comes out as
 * 「⼈⺠」 (U+2F08 KANGXI RADICAL MAN, U+2EA0 CJK RADICAL CIVILIAN). pdfjs passes these through, poppler's
 * pdftotext does not; the labels and the agency name must read the same either way. Kangxi radicals
 * (U+2F00–U+2FD5) have NFKC forms; the CJK Radicals Supplement's simplified forms do not, so they are listed here.
 */

// CJK Radicals Supplement code point → the character whose glyph it is (simplified forms used in reports).
const SUPPLEMENT: Record<string, string> = {
  '\u2e8c': '小',
  '\u2e8d': '小',
  '\u2ea0': '民',
  '\u2ea9': '王',
  '\u2ebc': '月',
  '\u2ec4': '西',
  '\u2ec5': '见',
  '\u2ec6': '角',
  '\u2ec9': '贝',
  '\u2ecb': '车',
  '\u2ed0': '钅',
  '\u2ed3': '长',
  '\u2ed4': '门',
  '\u2ed7': '雨',
  '\u2ed8': '青',
  '\u2ed9': '韦',
  '\u2eda': '页',
  '\u2edb': '风',
  '\u2edc': '飞',
  '\u2edd': '食',
  '\u2ee0': '饣',
  '\u2ee2': '马',
  '\u2ee3': '骨',
  '\u2ee4': '鬼',
  '\u2ee5': '鱼',
  '\u2ee6': '鸟',
  '\u2ee7': '卤',
  '\u2ee8': '麦',
  '\u2ee9': '黄',
  '\u2eea': '黾',
  '\u2eec': '齐',
  '\u2eee': '齿',
  '\u2ef0': '龙',
};

const RADICAL = /[\u2e80-\u2fdf]/;

/** The ordinary characters for radical code points; text without any is returned as it is. */
export function unifyRadicals(text: string): string {
  if (!RADICAL.test(text)) return text;
  return text.replace(/[\u2e80-\u2fdf]/g, (c) => SUPPLEMENT[c] ?? (c >= '\u2f00' ? c.normalize('NFKC') : c));
}
