/**
 * GB/T 9704—2012《党政机关公文格式》 as numbers: page, margins, type sizes and fonts. One place, so the
 * Word renderer, the HTML preview and the tests agree.
 */

/** Twips (1/20 pt) in a millimetre. */
const TWIPS_PER_MM = 1440 / 25.4;

/** Millimetres to twips, rounded to the nearest twip. */
export function mmToTwips(mm: number): number {
  return Math.round(mm * TWIPS_PER_MM);
}

/** Chinese type sizes (字号) in points. */
export const FONT_SIZE_PT = {
  /** 小初 */
  xiaochu: 36,
  /** 二号: the title */
  er: 22,
  /** 三号: the body */
  san: 16,
  /** 四号: page numbers, 版记 */
  si: 14,
} as const;

/**
 * Fonts by role, with the fallback Word substitutes when the preferred font is not installed. The 方正 and
 * _GB2312 fonts are what agencies install; Windows and WPS ship 仿宋, 楷体, 宋体, 黑体.
 */
export const FONTS = {
  /** 正文: 仿宋_GB2312 (FangSong_GB2312) → 仿宋 */
  body: { name: '仿宋_GB2312', fallback: '仿宋' },
  /** 标题, 发文机关标志: 方正小标宋简体 → 宋体 */
  title: { name: '方正小标宋简体', fallback: '宋体' },
  /** 一级标题 「一、」: 黑体 */
  heading1: { name: '黑体', fallback: 'SimHei' },
  /** 二级标题 「（一）」: 楷体_GB2312 → 楷体 */
  heading2: { name: '楷体_GB2312', fallback: '楷体' },
  /** 页码: 宋体 */
  pageNumber: { name: '宋体', fallback: 'SimSun' },
} as const;

export type FontRole = keyof typeof FONTS;

export const GBT9704 = {
  /** A4: 210 mm × 297 mm. */
  pageWidth: 11906,
  pageHeight: 16838,
  /** 天头 37 mm, 订口 28 mm; the type area (版心) is 156 mm × 225 mm, leaving 26 mm right and 35 mm bottom. */
  marginTop: mmToTwips(37),
  marginBottom: mmToTwips(35),
  marginLeft: mmToTwips(28),
  marginRight: mmToTwips(26),
  /** 版心宽度 156 mm. */
  textWidth: 11906 - mmToTwips(28) - mmToTwips(26),
  /** 22 lines per page over the 225 mm type area: 225 mm / 22 ≈ 28.95 pt a line. */
  linesPerPage: 22,
  linePitch: Math.floor(mmToTwips(225) / 22),
  /** Body text 三号 (16 pt): one character (一字) is 16 pt = 320 twips; 28 characters a line. */
  bodySizePt: FONT_SIZE_PT.san,
  charWidth: FONT_SIZE_PT.san * 20,
  /**
   * Footer distance from the page edge: the page number's dash sits 7 mm below the type area
   * (一字线上距版心下边缘7mm), so its line of 四号 text ends about 35 − 7 − 5 = 23 mm above the edge.
   */
  footer: mmToTwips(23),
  /** Header distance (no header is printed in 公文; kept inside the top margin). */
  header: mmToTwips(15),
  /** 发文机关标志 top edge 35 mm below the top of the type area (7.2.3). */
  issuerSpaceBefore: mmToTwips(35),
  /** The red separator line runs 4 mm under the 发文字号 (7.2.5), in points for the border spacing. */
  separatorGapPt: 11,
  /** Red of the issuer mark and separator line. */
  red: 'FF0000',
} as const;
