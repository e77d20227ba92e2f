/**
 * HTML rendering of an OfficialDoc for on-screen preview. Every piece of text is escaped; the model has no
 * markup, so the output cannot carry scripts or attributes from its input.
 */
import {
  assertOfficialDoc,
  formatChineseDate,
  headingTexts,
  normalizeCell,
  recipientLine,
  type OfficialDoc,
  type TableBlock,
  type TableCell,
} from './model.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Escaped text with line breaks kept as <br>. */
function lines(text: string): string {
  return text.split('\n').map(escapeHtml).join('<br>');
}

/** Styles for the preview, approximating the printed page (A4, 156 mm type area, 三号仿宋). */
export const OFFICIAL_DOC_CSS = `
.gk-doc{box-sizing:border-box;max-width:210mm;margin:0 auto;padding:37mm 26mm 35mm 28mm;background:#fff;color:#000;
  font-family:"仿宋_GB2312","FangSong_GB2312","仿宋",FangSong,STFangsong,serif;font-size:16pt;line-height:28.95pt}
.gk-doc p{margin:0;text-align:justify}
.gk-issuer{color:#e00;text-align:center;font-family:"方正小标宋简体","FZXiaoBiaoSong-B05S","宋体",SimSun,serif;font-size:36pt;line-height:1.2;margin-top:35mm}
.gk-doc-number{text-align:center;margin-top:57.9pt}
.gk-red-line{border:0;border-top:1.5pt solid #e00;margin:4mm 0 0}
.gk-title{text-align:center;font-family:"方正小标宋简体","FZXiaoBiaoSong-B05S","宋体",SimSun,serif;font-size:22pt;font-weight:normal;line-height:28.95pt;margin:57.9pt 0 28.95pt}
.gk-recipient{text-indent:0}
.gk-p,.gk-h,.gk-list li{text-indent:2em}
.gk-p.gk-noindent{text-indent:0}
.gk-h{font-size:16pt;font-weight:normal;margin:0;line-height:28.95pt}
.gk-h1{font-family:"黑体",SimHei,sans-serif}
.gk-h2{font-family:"楷体_GB2312","楷体",KaiTi,STKaiti,serif}
.gk-list{list-style:none;margin:0;padding:0}
.gk-table{border-collapse:collapse;width:100%;font-size:14pt;line-height:1.5;margin:0.5em 0}
.gk-table th,.gk-table td{border:1px solid #000;padding:2pt 4pt;vertical-align:middle}
.gk-table th{font-family:"黑体",SimHei,sans-serif;font-weight:normal;text-align:center}
.gk-attachments{margin-top:28.95pt;padding-left:5em;text-indent:-3em}
.gk-signature{margin-top:28.95pt;display:flex;flex-direction:column;align-items:flex-end}
.gk-signature.gk-sealed{margin-top:57.9pt;position:relative}
.gk-signature.gk-sealed::after{content:"印章";position:absolute;right:4em;top:-1.2em;width:42mm;height:42mm;border:2px dashed #e00;border-radius:50%;
  color:#e00;opacity:.35;display:flex;align-items:center;justify-content:center;font-size:12pt}
.gk-sign-agency{padding-right:2em}
.gk-sign-date{padding-right:2em}
.gk-sealed .gk-sign-agency,.gk-sealed .gk-sign-date{padding-right:4em;text-align:center}
.gk-note{text-indent:2em}
.gk-cc{margin-top:28.95pt;border-top:1pt solid #000;border-bottom:1pt solid #000;font-size:14pt;padding:0 1em 0 4em;text-indent:-3em}
`;

function cellHtml(raw: TableCell, tag: 'th' | 'td'): string {
  const c = normalizeCell(raw);
  const attrs = [
    c.colSpan > 1 ? ` colspan="${c.colSpan}"` : '',
    c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : '',
    c.align ? ` style="text-align:${c.align}"` : '',
  ].join('');
  return `<${tag}${attrs}>${lines(c.text)}</${tag}>`;
}

function tableHtml(t: TableBlock): string {
  const head = t.header?.length ? `<thead>${t.header.map((r) => `<tr>${r.map((c) => cellHtml(c, 'th')).join('')}</tr>`).join('')}</thead>` : '';
  const total = t.widths?.reduce((s, w) => s + w, 0);
  const cols = t.widths && total ? `<colgroup>${t.widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(2)}%">`).join('')}</colgroup>` : '';
  const body = `<tbody>${t.rows.map((r) => `<tr>${r.map((c) => cellHtml(c, 'td')).join('')}</tr>`).join('')}</tbody>`;
  return `<table class="gk-table">${cols}${head}${body}</table>`;
}

export interface HtmlOptions {
  /** A complete page (doctype, charset, the preview styles) rather than an <article> fragment. */
  standalone?: boolean;
}

/** Renders the document as escaped HTML for preview: an <article> fragment, or a full page. */
export function renderHtml(doc: OfficialDoc, options: HtmlOptions = {}): string {
  assertOfficialDoc(doc);
  const parts: string[] = [];
  parts.push(`<header class="gk-head"><div class="gk-issuer">${escapeHtml(doc.issuer)}</div>`);
  if (doc.docNumber) parts.push(`<div class="gk-doc-number">${escapeHtml(doc.docNumber)}</div>`);
  parts.push('<hr class="gk-red-line"></header>');
  parts.push(`<h1 class="gk-title">${lines(doc.title.trim())}</h1>`);
  if (doc.recipient?.trim()) parts.push(`<p class="gk-recipient">${escapeHtml(recipientLine(doc.recipient))}</p>`);
  const headings = headingTexts(doc.blocks);
  doc.blocks.forEach((b, i) => {
    switch (b.type) {
      case 'heading': {
        const tag = `h${b.level + 1}`;
        parts.push(`<${tag} class="gk-h gk-h${b.level}">${escapeHtml(headings[i] ?? b.text)}</${tag}>`);
        break;
      }
      case 'paragraph': {
        const align = b.align && b.align !== 'justify' ? ` style="text-align:${b.align}"` : '';
        const cls = b.noIndent || b.align === 'center' || b.align === 'right' ? 'gk-p gk-noindent' : 'gk-p';
        parts.push(`<p class="${cls}"${align}>${lines(b.text)}</p>`);
        break;
      }
      case 'list': {
        const items = b.items.map((it, k) => `<li>${b.ordered ? `${k + 1}.` : '· '}${escapeHtml(it)}</li>`).join('');
        parts.push(`<ul class="gk-list">${items}</ul>`);
        break;
      }
      case 'table':
        parts.push(tableHtml(b));
        break;
    }
  });
  if (doc.attachments?.length) {
    const numbered = doc.attachments.length > 1;
    const items = doc.attachments.map((a, k) => escapeHtml(`${numbered ? `${k + 1}.` : ''}${a}`));
    parts.push(`<p class="gk-attachments">附件：${items.join('<br>')}</p>`);
  }
  if (doc.signature) {
    parts.push(
      `<div class="gk-signature${doc.seal ? ' gk-sealed' : ''}"><div class="gk-sign-agency">${escapeHtml(doc.signature.agency)}</div>` +
        `<div class="gk-sign-date">${escapeHtml(formatChineseDate(doc.signature.date))}</div></div>`,
    );
  }
  if (doc.note?.trim()) parts.push(`<p class="gk-note">（${escapeHtml(doc.note.trim())}）</p>`);
  if (doc.cc?.length) parts.push(`<footer class="gk-cc">抄送：${escapeHtml(doc.cc.join('，'))}。</footer>`);
  const article = `<article class="gk-doc" lang="zh-CN">${parts.join('')}</article>`;
  if (!options.standalone) return article;
  return (
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(doc.title.replace(/\n/g, ''))}</title><style>${OFFICIAL_DOC_CSS}</style></head><body>${article}</body></html>`
  );
}
