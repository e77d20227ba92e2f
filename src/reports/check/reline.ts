/**
 * Text in which a whole report is one paragraph: web archivers and copy-paste from a page join the chapters, the
 * table rows and their cells into one line (「…二、主动公开政府信息情况第二十条第（一）项信息内容…规章000行政规范性
 * 文件6233440…三、收到和处理政府信息公开申请情况…一、本年新收政府信息公开申请数量21710000218二、上年结转…」).
 * The readers expect a chapter heading at the start of a line and one table row a line; this puts the line breaks
 * back before the headings and row labels of the national formats. Only long lines that carry the tables' own
 * labels are touched, and inside them table labels only within their chapter, so running text stays as it is.
 */

const LONG = 300;

/** The six chapter headings (with the variants met in published reports). */
const CHAPTER =
  /(?=[一二三四五六][、.]\s*(?:总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况|(?:因)?政府信息公开(?:申请)?行政法?复议|存在的?主要问题|政府信息公开工作存在|其他需要报告))/g;

/** Table 2: its item headings, column-heading rows and row labels. */
const PROACTIVE = [
  /(?=第二十条\s*第\s*[（(][一二三四五六七八九十]+[)）]\s*项)/g,
  /(?=信息内容)/g,
  /(?<=[\d）)项数量额]\s*)(?=(?:行政)?规范性文件|规章|行政许可|其他对外管理服务事项|行政处罚|行政强制|行政事业性收费|政府集中采购)/g,
];

/** Table 3: the numbered rows, the outcome groups and the numbered sub-rows (whose number may follow a cell). */
const REQUESTS = [
  /(?=[一二三四][、.]\s*(?:本年新收|上年结转|本年度办|结转下年度))/g,
  /(?=[（(][一二三四五六七][)）]\s*(?:予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|总计))/g,
  /(?=[1-8][.．、]\s*(?:属于|其他法律|危及|保护第三方|本机关不掌握|没有现成|补正后|信访举报|重复申请|要求提供|无正当理由|要求行政机关|申请人|其他))/g,
];

/** A chapter heading as printed, up to its end (the chapter's text follows on the same line). */
const HEADING =
  /^([一二三四五六][、.]\s*(?:总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况|(?:因)?政府信息公开(?:申请)?行政法?复议、?(?:提起)?行政诉讼(?:的)?情况|(?:政府信息公开工作)?存在的?主要问题及改进情况|其他需要报告的事项))/;

const HAS_TABLE_LABELS = /本年新收政府信息公开申请数量|第二十条\s*第|结转下年度继续办理|未经复议直接起诉/;

function splitAll(line: string, patterns: readonly RegExp[]): string[] {
  let parts = [line];
  for (const re of patterns) parts = parts.flatMap((p) => p.split(re));
  return parts.filter((p) => p.trim() !== '');
}

/** Put line breaks back into run-together report text. Other text is returned unchanged. */
export function relineRunTogether(text: string): string {
  if (!text.split('\n').some((l) => l.length > LONG && HAS_TABLE_LABELS.test(l))) return text;
  // The chapter a line is in: a long paragraph may hold one chapter only, its heading on a line before it.
  let chapter = '';
  return text
    .split('\n')
    .map((line) => {
      if (line.length <= LONG || !HAS_TABLE_LABELS.test(line)) {
        const h = line.trim().match(HEADING);
        if (h) chapter = h[1]!.slice(0, 1);
        return line;
      }
      const out: string[] = [];
      for (const part of line.split(CHAPTER)) {
        // The heading on its own line, the chapter's text after it.
        const h = part.match(HEADING);
        const heading = h ? h[1]! : '';
        if (heading) chapter = heading.slice(0, 1);
        const body = h ? part.slice(heading.length) : part;
        if (heading) out.push(heading);
        if (body.trim() === '') continue;
        if (chapter === '二') out.push(...splitAll(body, PROACTIVE));
        else if (chapter === '三') out.push(...splitAll(body, REQUESTS));
        else if (chapter === '四') {
          // Table 4: the header words, then its fifteen figures (joined or spaced) at the end.
          const m = body.match(/^(.*?[^\d\s])\s*(\d[\d\s]*)$/s);
          if (m) out.push(m[1]!, m[2]!.trim());
          else out.push(body);
        } else out.push(body);
      }
      return out.join('\n');
    })
    .join('\n');
}
