/**
 * What a published report says about itself: its chapters, its year and its agency.
 */

import { CHAPTERS } from '../../rules/report/format.js';
import type { ChapterKey } from '../../rules/report/types.js';
import { lineText, norm, type ExtractedDocument } from './document.js';

const CN_NUM: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };

export interface ChapterHeading {
  key: ChapterKey;
  line: number;
  text: string;
  /** The numeral printed before it (1–6). */
  number: number;
}

/** Chapter headings: a line starting 「一、」…「六、」 (or 「第一部分」) whose words name one of the six chapters. */
export function findChapters(doc: ExtractedDocument): ChapterHeading[] {
  const out: ChapterHeading[] = [];
  doc.lines.forEach((line, i) => {
    const texts = line.kind === 'row' ? line.cells.map((c) => c.text) : [lineText(line)];
    for (const raw of texts) {
      const t = norm(raw);
      const m = t.match(/^(?:([一二三四五六])[、.]|第([一二三四五六])部分[、:]?)(.{2,40}?)(?:[。:]|$)/) ?? t.match(/^([一二三四五六])[、.](.{2,24})/);
      if (!m) continue;
      const numeral = m[1] ?? m[2]!;
      const rest = (m[3] ?? m[2] ?? '').slice(0, 40);
      const head = rest.length > 30 ? rest.slice(0, 30) : rest;
      for (const c of CHAPTERS) {
        if (!c.pattern.test(head)) continue;
        // Table rows also start 「一、」…「四、」 (一、本年新收… 四、结转下年度…): those never match a chapter's words.
        if (out.some((o) => o.key === c.key)) break;
        out.push({ key: c.key, line: i, text: raw.trim(), number: CN_NUM[numeral]! });
        break;
      }
    }
  });
  return out;
}

export interface YearEvidence {
  year: number | null;
  /** From the title (「2023年政府信息公开工作年度报告」). */
  titleYear: number | null;
  /** From the statistics period (「统计期限自2023年1月1日起至2023年12月31日止」). */
  periodYear: number | null;
  declaredYear: number | null;
  /** Where the title was found, for the agency. */
  titleLine: number | null;
}

const TITLE = /((?:19|20)\d{2})年度?[^。，,;；]{0,24}?(?:政府信息公开|政务公开|信息公开)[^。，,;；]{0,12}?(?:年度)?(?:工作)?报告/;
/** 「…政府信息公开工作年度报告（2023年度）」 */
const TITLE_YEAR_AFTER = /(?:政府信息公开|政务公开)[^。，,;；]{0,12}?报告[（(]((?:19|20)\d{2})年?度?[)）]/;
const PERIOD = /((?:19|20)\d{2})年(?:度)?1月1日(?:起)?(?:至|到|—|-|~|－|–)(?:((?:19|20)\d{2})年)?12月31日/;

export function findYear(doc: ExtractedDocument): YearEvidence {
  let titleYear: number | null = null;
  let titleLine: number | null = null;
  let periodYear: number | null = null;
  // The title is near the top; allow it to wrap over a few lines (「…2020年度政府信息公开工作」「年度报告」).
  const head = doc.lines.slice(0, 40);
  for (let i = 0; i < head.length && titleYear === null; i++) {
    const joined = norm(
      head
        .slice(i, i + 3)
        .map(lineText)
        .join(''),
    );
    const m = joined.match(TITLE) ?? joined.match(TITLE_YEAR_AFTER);
    if (m && norm(lineText(head[i]!)).length > 0 && joined.indexOf(m[0]) < norm(lineText(head[i]!)).length) {
      titleYear = Number(m[1]);
      titleLine = i;
    }
  }
  if (titleYear === null && doc.title) {
    const m = norm(doc.title).match(TITLE) ?? norm(doc.title).match(TITLE_YEAR_AFTER);
    if (m) titleYear = Number(m[1]);
  }
  for (const line of doc.lines) {
    const t = norm(lineText(line));
    if (!/统计|期限|时间|期间|截至|自/.test(t) && !PERIOD.test(t)) continue;
    const m = t.match(PERIOD);
    if (m) {
      periodYear = Number(m[1]);
      break;
    }
  }
  if (periodYear === null) {
    // The period may wrap across lines.
    const all = norm(doc.lines.slice(0, 80).map(lineText).join(''));
    const m = all.match(PERIOD);
    if (m) periodYear = Number(m[1]);
  }
  const declaredYear = doc.declaredYear ?? null;
  const year = declaredYear ?? titleYear ?? periodYear;
  return { year, titleYear, periodYear, declaredYear, titleLine };
}

/** The agency named in the title: the words before the year (「淮安市人民政府」「枣庄市信访局」). */
export function findAgency(doc: ExtractedDocument, ev: YearEvidence): string | null {
  const candidates: string[] = [];
  if (ev.titleLine !== null) {
    const i = ev.titleLine;
    const line = norm(lineText(doc.lines[i]!));
    const yearAt = line.search(/(?:19|20)\d{2}年/);
    if (yearAt > 0) candidates.push(line.slice(0, yearAt));
    // 「2019年上海市人民政府办公厅政府信息公开工作年度报告」: the agency follows the year.
    if (yearAt <= 0 && i > 0) candidates.push(norm(lineText(doc.lines[i - 1]!)));
    const after = norm(
      doc.lines
        .slice(i, i + 2)
        .map(lineText)
        .join(''),
    ).match(/(?:19|20)\d{2}年度?([\u4e00-\u9fff（）()]{2,40}?)(?:政府信息公开|政务公开)/);
    if (after) candidates.push(after[1]!);
  }
  if (doc.title) {
    const t = norm(doc.title);
    const yearAt = t.search(/(?:19|20)\d{2}年/);
    if (yearAt > 0) candidates.push(t.slice(0, yearAt));
    const after = t.match(/(?:19|20)\d{2}年度?([\u4e00-\u9fff（）()]{2,40}?)(?:政府信息公开|政务公开)/);
    if (after) candidates.push(after[1]!);
  }
  for (const c of candidates) {
    const cleaned = c
      // An archive's or a CMS's field label before the title: 「标题: …」.
      .replace(/^(?:标题|题名|名称|文件名称)[:：]/, '')
      .replace(/^.*?(?:[>》|｜_]|首页|当前位置:?)/, '')
      .replace(/^(关于|【|\[)/, '')
      .replace(/(?:关于)?(?:政府信息公开|政务公开).*$/, '')
      .replace(/[（(【[].*$/, '')
      .replace(/[:：,，。].*$/, '');
    const m = cleaned.match(/[\u4e00-\u9fff（）()]{2,40}$/);
    if (m && /(政府|局|委员会|委|办公室|办|厅|院|署|中心|会|部|所|站|队|处|街道|镇|乡|区|县|市|公司)$/.test(m[0])) return m[0];
  }
  // 「本报告由…编制」
  for (const line of doc.lines.slice(0, 30)) {
    const m = norm(lineText(line)).match(/本报告由([\u4e00-\u9fff]{2,40}?)(?:根据|依据|按照|编制)/);
    if (m) return m[1]!;
  }
  return null;
}
