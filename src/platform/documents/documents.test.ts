import JSZip from 'jszip';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  archiveDocx,
  chineseNumeral,
  escapeHtml,
  formatChineseDate,
  GBT9704,
  headingTexts,
  isIsoDate,
  layoutTable,
  mmToTwips,
  renderDocx,
  renderHtml,
  renderText,
  sha256Hex,
  verifySha256,
  type OfficialDoc,
} from './index.js';

const sample: OfficialDoc = {
  issuer: '枣庄市信访局',
  docNumber: '枣信访依申复〔2026〕12号',
  title: '政府信息公开申请答复书',
  recipient: '张三',
  blocks: [
    { type: 'heading', level: 1, text: '申请内容' },
    { type: 'paragraph', text: '本机关于2026年11月3日收到您提交的政府信息公开申请。' },
    { type: 'heading', level: 2, text: '答复意见' },
    { type: 'list', ordered: true, items: ['第一项', '第二项'] },
    {
      type: 'table',
      header: [
        [
          { text: '项目', rowSpan: 2 },
          { text: '情况', colSpan: 2 },
        ],
        ['数量', '备注'],
      ],
      rows: [
        ['申请', '1', '无'],
        ['答复', '1', '已送达'],
      ],
      widths: [2, 1, 1],
    },
  ],
  signature: { agency: '枣庄市信访局', date: '2026-11-25' },
  seal: true,
  note: '联系电话：0632-1234567',
  attachments: ['枣庄市信访工作规则', '信访事项办理流程图'],
  cc: ['枣庄市人民政府办公室'],
};

async function documentXml(buf: Buffer, part = 'word/document.xml'): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  const file = zip.file(part);
  if (!file) throw new Error(`missing ${part}`);
  return file.async('string');
}

describe('model helpers', () => {
  it('formats dates without leading zeros (GB/T 9704 成文日期)', () => {
    expect(formatChineseDate('2026-11-25')).toBe('2026年11月25日');
    expect(formatChineseDate('2026-01-05')).toBe('2026年1月5日');
    expect(() => formatChineseDate('2026-02-30')).toThrow(RangeError);
    expect(() => formatChineseDate('26-1-5')).toThrow(RangeError);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
  });

  it('writes Chinese ordinals', () => {
    expect([1, 9, 10, 11, 20, 21, 99].map(chineseNumeral)).toEqual(['一', '九', '十', '十一', '二十', '二十一', '九十九']);
  });

  it('numbers headings per level and restarts lower levels', () => {
    const texts = headingTexts([
      { type: 'heading', level: 1, text: '甲' },
      { type: 'heading', level: 2, text: '乙' },
      { type: 'heading', level: 2, text: '丙' },
      { type: 'paragraph', text: 'x' },
      { type: 'heading', level: 1, text: '丁' },
      { type: 'heading', level: 2, text: '戊' },
      { type: 'heading', level: 3, text: '己' },
      { type: 'heading', level: 4, text: '庚' },
      { type: 'heading', level: 1, text: '三、自带序号', numbered: false },
    ]);
    expect(texts).toEqual(['一、甲', '（一）乙', '（二）丙', undefined, '二、丁', '（一）戊', '1.己', '（1）庚', '三、自带序号']);
  });

  it('lays out merged cells and rejects ragged tables', () => {
    const t = sample.blocks[4];
    if (t.type !== 'table') throw new Error('fixture');
    const layout = layoutTable(t);
    expect(layout.columns).toBe(3);
    expect(layout.headerRows).toBe(2);
    expect(layout.grid[1]).toEqual(['', '数量', '备注']);
    expect(() => layoutTable({ type: 'table', rows: [['a', 'b'], ['c']] })).toThrow(/columns/);
    expect(() => layoutTable({ type: 'table', rows: [[{ text: 'a', rowSpan: 3 }]] })).toThrow(/rowSpan/);
    expect(() => layoutTable({ type: 'table', rows: [[{ text: 'a', colSpan: 0 }]] })).toThrow(/colSpan/);
  });

  it('converts millimetres to twips', () => {
    expect(mmToTwips(37)).toBe(2098);
    expect(mmToTwips(35)).toBe(1984);
    expect(mmToTwips(28)).toBe(1587);
    expect(mmToTwips(26)).toBe(1474);
    // 22 lines fit in the 225 mm type area
    expect(GBT9704.linePitch * 22).toBeLessThanOrEqual(mmToTwips(225));
    expect(GBT9704.linePitch / 20).toBeGreaterThanOrEqual(28);
    expect(GBT9704.linePitch / 20).toBeLessThanOrEqual(29);
  });
});

describe('renderDocx', () => {
  it('produces a zip whose document.xml has the texts, A4 page and GB/T 9704 margins', async () => {
    const buf = await renderDocx(sample);
    const xml = await documentXml(buf);
    expect(xml).toContain('政府信息公开申请答复书');
    expect(xml).toContain('枣信访依申复〔2026〕12号');
    expect(xml).toContain('张三：');
    expect(xml).toContain('一、申请内容');
    expect(xml).toContain('（一）答复意见');
    expect(xml).toContain('1.第一项');
    expect(xml).toContain('2026年11月25日');
    expect(xml).toContain('附件：1.枣庄市信访工作规则');
    expect(xml).toContain('2.信访事项办理流程图');
    expect(xml).toContain('（联系电话：0632-1234567）');
    expect(xml).toContain('抄送：枣庄市人民政府办公室。');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toMatch(/<w:docGrid w:type="lines" w:linePitch="579"\/>/);
    expect(xml).toContain('w:line="579" w:lineRule="exact"');
    // first-line indent of two 三号 characters
    expect(xml).toContain('w:firstLine="640"');
  });

  it('uses the 公文 fonts and sizes, the red issuer mark and separator', async () => {
    const xml = await documentXml(await renderDocx(sample));
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('w:eastAsia="楷体_GB2312"');
    expect(xml).toContain('<w:sz w:val="32"/>'); // 三号 16 pt body
    expect(xml).toContain('<w:sz w:val="44"/>'); // 二号 22 pt title
    expect(xml).toContain('<w:color w:val="FF0000"/>');
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="FF0000" w:sz="12" w:space="11"\/>/);
    // title centred
    const titleAt = xml.indexOf('政府信息公开申请答复书');
    const titlePara = xml.slice(xml.lastIndexOf('<w:p>', titleAt), titleAt);
    expect(titlePara).toContain('<w:jc w:val="center"/>');
  });

  it('declares fallback fonts in the font table', async () => {
    const fonts = await documentXml(await renderDocx(sample), 'word/fontTable.xml');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    expect(fonts).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>');
  });

  it('repeats table header rows and merges cells', async () => {
    const xml = await documentXml(await renderDocx(sample));
    expect(xml.match(/<w:tblHeader\/>/g)?.length).toBe(2);
    expect(xml).toContain('<w:gridSpan w:val="2"/>');
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml).toContain('<w:vMerge w:val="continue"/>');
    expect(xml).toMatch(/<w:tblW w:type="dxa" w:w="8845"\/>/);
  });

  it('numbers pages 「— 1 —」 on alternating outside edges', async () => {
    const buf = await renderDocx(sample);
    const settings = await documentXml(buf, 'word/settings.xml');
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    const xml = await documentXml(buf);
    expect(xml).toMatch(/<w:footerReference w:type="default"/);
    expect(xml).toMatch(/<w:footerReference w:type="even"/);
    const zip = await JSZip.loadAsync(buf);
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /^word\/footer\d+\.xml$/.test(n))
        .map((n) => zip.file(n)!.async('string')),
    );
    expect(footers).toHaveLength(2);
    for (const f of footers) {
      expect(f).toContain('— ');
      expect(f).toContain(' —');
      expect(f).toContain('PAGE');
      expect(f).toContain('<w:sz w:val="28"/>'); // 四号
    }
    expect(footers.some((f) => f.includes('<w:jc w:val="right"/>'))).toBe(true);
    expect(footers.some((f) => f.includes('<w:jc w:val="left"/>'))).toBe(true);
  });

  it('places signature and date right-aligned, further in when sealed', async () => {
    /** The paragraph properties of the last paragraph containing `text`. */
    const pPrOf = (xml: string, text: string) => {
      const at = xml.lastIndexOf(`>${text}</w:t>`);
      const start = xml.lastIndexOf('<w:p>', at);
      return xml.slice(start, xml.indexOf('</w:pPr>', start));
    };
    const sealed = await documentXml(await renderDocx(sample));
    // sealed: date 右空四字 (4 × 320 twips), agency centred over the date (7 vs 6 characters wide → 4.5)
    expect(pPrOf(sealed, '2026年11月25日')).toContain('<w:ind w:right="1280"/><w:jc w:val="right"/>');
    expect(pPrOf(sealed, '枣庄市信访局')).toContain('<w:ind w:right="1440"/><w:jc w:val="right"/>');
    // unsealed, short agency: agency 右空二字, date starts two characters further right
    const plain = await documentXml(await renderDocx({ ...sample, seal: false, signature: { agency: '枣庄市人民政府办公室', date: '2026-11-25' } }));
    expect(pPrOf(plain, '枣庄市人民政府办公室')).toContain('<w:ind w:right="640"/>');
    expect(pPrOf(plain, '2026年11月25日')).toContain('<w:ind w:right="960"/>');
    // unsealed, date longer than agency: the date keeps 右空二字 and the agency moves
    const shortName = await documentXml(await renderDocx({ ...sample, seal: false }));
    expect(pPrOf(shortName, '2026年11月25日')).toContain('<w:ind w:right="640"/>');
    expect(pPrOf(shortName, '枣庄市信访局')).toContain('<w:ind w:right="1600"/>');
  });

  it('escapes XML special characters', async () => {
    const xml = await documentXml(await renderDocx({ ...sample, title: '关于<script>&"的答复' }));
    expect(xml).toContain('关于&lt;script&gt;&amp;');
    expect(xml).not.toContain('<script>');
  });

  it('is deterministic, so archived hashes can be verified', async () => {
    const a = await archiveDocx(sample);
    const b = await archiveDocx(sample);
    expect(a.sha256).toBe(b.sha256);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(a.size).toBe(a.bytes.length);
    expect(verifySha256(b.bytes, a.sha256)).toBe(true);
    const other = await archiveDocx({ ...sample, title: '另一份答复书' });
    expect(other.sha256).not.toBe(a.sha256);
    const core = await documentXml(a.bytes, 'docProps/core.xml');
    expect(core).toContain('2026-11-25T00:00:00Z');
  });

  it('renders a minimal document with no optional parts', async () => {
    const xml = await documentXml(await renderDocx({ issuer: '某机关', title: '通知', blocks: [] }));
    expect(xml).toContain('通知');
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
  });

  it('rejects an invalid signature date', async () => {
    await expect(renderDocx({ ...sample, signature: { agency: '某机关', date: '2026-13-01' } })).rejects.toThrow(RangeError);
  });
});

describe('renderHtml', () => {
  it('escapes <script> and attribute breakers everywhere', () => {
    const evil = '<script>alert("x")</script>';
    const html = renderHtml({
      ...sample,
      issuer: evil,
      title: evil,
      recipient: evil,
      blocks: [
        { type: 'paragraph', text: evil },
        { type: 'list', items: [evil] },
        { type: 'table', header: [[evil]], rows: [[{ text: evil, align: 'center' }]] },
      ],
      note: evil,
      attachments: [evil],
      cc: [evil],
      signature: { agency: evil, date: '2026-11-25' },
    });
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('never emits a tag from document text (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const html = renderHtml({ issuer: a.trim() ? a : 'x', title: b.trim() ? b : 'y', blocks: [{ type: 'paragraph', text: a + b }] });
        const tags = html.match(/<\/?[a-zA-Z][^>]*>/g) ?? [];
        const allowed = /^<\/?(article|header|div|hr|h1|p|br)(\s|>|$)/;
        return tags.every((t) => allowed.test(t));
      }),
    );
  });

  it('round-trips escaping', () => {
    const unescapeHtml = (s: string) =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
    fc.assert(fc.property(fc.string(), (s) => unescapeHtml(escapeHtml(s)) === s));
  });

  it('renders the structure: headings, spans, signature, standalone page', () => {
    const html = renderHtml(sample);
    expect(html).toContain('<div class="gk-issuer">枣庄市信访局</div>');
    expect(html).toContain('<h2 class="gk-h gk-h1">一、申请内容</h2>');
    expect(html).toContain('<th rowspan="2">项目</th>');
    expect(html).toContain('<th colspan="2">情况</th>');
    expect(html).toContain('2026年11月25日');
    expect(html).toContain('gk-sealed');
    const page = renderHtml(sample, { standalone: true });
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain('.gk-doc{');
  });
});

describe('renderText', () => {
  it('renders all parts as plain text', () => {
    const text = renderText(sample);
    expect(text).toContain('枣信访依申复〔2026〕12号');
    expect(text).toContain('张三：');
    expect(text).toContain('\u3000\u3000一、申请内容');
    expect(text).toContain('\u3000\u3000本机关于2026年11月3日');
    expect(text).toContain('| 项目');
    expect(text).toContain('附件：1.枣庄市信访工作规则');
    expect(text).toMatch(/枣庄市信访局\n\u3000*2026年11月25日/);
    expect(text).toContain('抄送：枣庄市人民政府办公室。');
  });
});

describe('sha256Hex', () => {
  it('hashes bytes and strings', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(new Uint8Array([97, 98, 99]))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
