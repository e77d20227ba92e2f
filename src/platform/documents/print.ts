/**
 * The print stylesheet shared by every printable page (case file, ledger, reports): A4, 仿宋 for the text and
 * 黑体 for headings and table heads as in the documents (GB/T 9704), black on white, rows kept whole, headings
 * kept with what follows, table heads repeated on each page. `.toolbar` (the 打印 button and its hint) is for
 * the screen only.
 */

export const FANGSONG = '"FangSong_GB2312", "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", serif';
export const HEITI = '"SimHei", "黑体", "STHeiti", "Noto Sans CJK SC", sans-serif';

export function printCss(opts: { landscape?: boolean } = {}): string {
  const width = opts.landscape ? '257mm' : '165mm';
  return `
@page { size: A4${opts.landscape ? ' landscape' : ''}; margin: ${opts.landscape ? '18mm 15mm 18mm 20mm' : '25mm 20mm 22mm 25mm'}; }
body { font-family: ${FANGSONG}; font-size: 12pt; line-height: 1.6; color: #000; background: #fff; margin: 0 auto; max-width: ${width}; padding: 0 4mm; }
h1, h2, h3, th { font-family: ${HEITI}; font-weight: normal; }
h1 { font-size: 20pt; text-align: center; margin: 4mm 0; }
h2 { font-size: 14pt; margin: 8mm 0 3mm; border-bottom: 1px solid #000; page-break-after: avoid; break-after: avoid; }
.meta { text-align: center; margin-bottom: 6mm; }
table { width: 100%; border-collapse: collapse; font-size: 10.5pt; }
thead { display: table-header-group; }
th, td { border: 1px solid #000; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
th { white-space: nowrap; }
tr { page-break-inside: avoid; break-inside: avoid; }
.none { color: #333; }
.toolbar { margin: 4mm 0; text-align: right; font-family: ${HEITI}; font-size: 11pt; }
.toolbar button { font: inherit; padding: 1mm 4mm; }
@media print { .toolbar { display: none; } body { max-width: none; padding: 0; } }
`;
}

/** The screen-only line above a printable page: a 打印 button (needs /assets/print.js) and the keyboard hint. */
export const PRINT_TOOLBAR =
  '<p class="toolbar"><button type="button" data-print hidden>打印</button> 请使用浏览器的打印功能（Ctrl+P）打印或另存为 PDF。</p><script src="/assets/print.js" defer></script>';
