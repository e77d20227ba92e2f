import { CHAPTERS, STANDARD_SENTENCES, bindNarrative, NarrativeError, type ChapterKey, type Finding, type Report } from '../rules/report/index.js';
import type { ReportChapter } from './reports.api.js';

/**
 * The report's text: a preamble and the six chapters, each a template whose figures are placeholders bound
 * to the tables (「本年新收申请{{requests.new.total}}件」), so prose and tables cannot disagree. A first draft
 * is generated from the year's records; the parts only people can write are marked 【待补充：…】 and
 * validation will not let the report go out while a marker is left.
 */

export const NARRATIVE_KEYS = ['preamble', ...CHAPTERS.map((c) => c.key)] as const;
export type NarrativeKey = (typeof NARRATIVE_KEYS)[number];
export type Narrative = Record<NarrativeKey, string>;

/** Chapters whose content is a table (the text before it is optional). */
export const TABLE_CHAPTERS: readonly ChapterKey[] = ['proactive', 'requests', 'appeals'];

/** The marker of text left for people to write. */
export const TODO_MARK = /【待补充[：:][^】]*】/;

export interface DraftFacts {
  agency: string;
  year: number;
  /** Office contact printed in the preamble. */
  officeName: string;
  officePhone: string;
  officeEmail: string;
  /** Whether the report covers a government and its departments. */
  subtree: boolean;
}

/** A generated first draft of the preamble and the six chapters, figures bound to the tables. */
export function draftNarrative(report: Report, facts: DraftFacts): Narrative {
  const { agency, year } = facts;
  const contact = [facts.officePhone && `电话：${facts.officePhone}`, facts.officeEmail && `电子邮箱：${facts.officeEmail}`].filter(Boolean).join('；');
  const fmt2019 = report.format === '2019';
  const proactiveSentence = fmt2019
    ? '本年度新制作规章{{proactive.rules.made}}件、规范性文件{{proactive.normative_documents.made}}件，新公开规章{{proactive.rules.published}}件、规范性文件{{proactive.normative_documents.published}}件；行政许可处理决定{{proactive.licensing.decisions}}件，行政处罚处理决定{{proactive.penalty.decisions}}件，行政强制处理决定{{proactive.enforcement.decisions}}件。'
    : '本年度制发规章{{proactive.rules.issued}}件、行政规范性文件{{proactive.normative_documents.issued}}件，废止规章{{proactive.rules.repealed}}件、行政规范性文件{{proactive.normative_documents.repealed}}件，现行有效规章{{proactive.rules.in_force}}件、行政规范性文件{{proactive.normative_documents.in_force}}件；行政许可处理决定{{proactive.licensing.decisions}}件，行政处罚处理决定{{proactive.penalty.decisions}}件，行政强制处理决定{{proactive.enforcement.decisions}}件。';
  return {
    preamble:
      `本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）第四十九条、第五十条规定，由${agency}编制，面向社会公开发布。` +
      '全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六个部分。' +
      `报告中所列数据的统计期限为${year}年1月1日至12月31日。${contact ? `如对本报告有任何疑问，请联系${facts.officeName || agency}（${contact}）。` : ''}`,
    overview: [
      `${year}年，${agency}认真贯彻落实《条例》，坚持“公开为常态、不公开为例外”，依法做好政府信息公开工作。${facts.subtree ? '本报告汇总本级政府及所属部门的数据。' : ''}【待补充：全年工作概述】`,
      '（一）主动公开',
      proactiveSentence,
      '（二）依申请公开',
      '本年度新收政府信息公开申请{{requests.new.total}}件，办结{{requests.total.total}}件，结转下年度继续办理{{requests.carried_out.total}}件。',
      '（三）政府信息管理',
      '【待补充：保密审查、信息发布审核、政策文件管理等情况】',
      '（四）平台建设',
      '【待补充：政府信息公开专栏、政务新媒体等平台建设情况】',
      '（五）监督保障',
      `【待补充：组织领导、培训、考核评议${facts.subtree ? '、社会评议和责任追究结果' : ''}等情况】`,
    ].join('\n'),
    proactive: '主动公开政府信息情况见下表。' + proactiveSentence,
    requests:
      STANDARD_SENTENCES.requests +
      '其中，自然人申请{{requests.new.natural_person}}件，商业企业申请{{requests.new.business}}件，科研机构申请{{requests.new.research}}件，社会公益组织申请{{requests.new.nonprofit}}件，法律服务机构申请{{requests.new.legal_service}}件，其他组织申请{{requests.new.other}}件。具体情况见下表。',
    appeals:
      STANDARD_SENTENCES.appeals +
      '其中，行政复议结果维持{{appeals.reconsideration.upheld}}件、结果纠正{{appeals.reconsideration.corrected}}件、其他结果{{appeals.reconsideration.other}}件、尚未审结{{appeals.reconsideration.pending}}件。具体情况见下表。',
    problems: `${year}年，${agency}政府信息公开工作仍存在一些不足：【待补充：存在的主要问题】。下一步，将采取以下措施加以改进：【待补充：改进措施】`,
    other: fmt2019
      ? `${year}年，${agency}【待补充：其他需要报告的事项，没有的写明“无其他需要报告的事项”】`
      : `依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），${year}年${agency}【待补充：收取信息处理费的情况，未收取的写明“未收取信息处理费”】。【待补充：其他需要报告的事项】`,
  };
}

const UNBOUND = /(申请|答复|办结|结转|复议|诉讼|予以公开|部分公开|不予公开|无法提供|不予处理)[^{}，。；：\n]{0,10}?(\d+)\s*件/g;

/** Figures typed into the text next to 申请/复议/诉讼… 件 rather than bound to the tables: they can go stale. */
export function unboundFigures(template: string): { text: string; value: number }[] {
  const withoutPlaceholders = template.replace(/\{\{[^{}]*\}\}/g, '□');
  return [...withoutPlaceholders.matchAll(UNBOUND)].map((m) => ({ text: m[0], value: Number(m[2]) }));
}

/** A narrative object from stored JSON, with every key present (missing ones empty). */
export function parseNarrative(json: string): Narrative {
  let raw: Record<string, unknown> = {};
  try {
    const v = JSON.parse(json) as unknown;
    if (v && typeof v === 'object') raw = v as Record<string, unknown>;
  } catch {
    raw = {};
  }
  const out = {} as Narrative;
  for (const k of NARRATIVE_KEYS) out[k] = typeof raw[k] === 'string' ? (raw[k] as string) : '';
  return out;
}

export interface BoundNarrative {
  preamble: string;
  chapters: ReportChapter[];
  /** Problems of the text itself: unknown or blank placeholders, missing chapters, markers left. */
  findings: Finding[];
}

const KEY_LABEL: Record<NarrativeKey, string> = {
  preamble: '导语',
  ...(Object.fromEntries(CHAPTERS.map((c) => [c.key, `“${c.title}”`])) as Record<ChapterKey, string>),
};

/** Binds every template to the report; never throws: a placeholder that cannot be bound becomes a finding. */
export function bindAll(narrative: Narrative, report: Report): BoundNarrative {
  const findings: Finding[] = [];
  const bind = (key: NarrativeKey): string => {
    const template = narrative[key] ?? '';
    try {
      return bindNarrative(template, report);
    } catch (err) {
      if (!(err instanceof NarrativeError)) throw err;
      findings.push({
        rule: 'prose',
        severity: 'error',
        message: `${KEY_LABEL[key]}：${err.message}`,
        expected: null,
        actual: `{{${err.placeholder}}}`,
        where: `chapters.${key}`,
      });
      return template;
    }
  };
  const preamble = bind('preamble');
  const chapters: ReportChapter[] = CHAPTERS.map((c) => ({ key: c.key, title: c.title, text: bind(c.key) }));
  for (const c of CHAPTERS) {
    const text = narrative[c.key] ?? '';
    // Chapters 二 to 四 are their tables; 一, 五 and 六 must say something (条例第五十条).
    if (!text.trim() && !TABLE_CHAPTERS.includes(c.key)) {
      findings.push({
        rule: 'chapters',
        severity: 'error',
        message: `“${c.title}”部分没有内容；年度报告的六个部分不能遗漏，没有相关情况的也应写明。`,
        expected: c.title,
        actual: null,
        where: `chapters.${c.key}`,
      });
    }
  }
  for (const k of NARRATIVE_KEYS) {
    for (const figure of unboundFigures(narrative[k] ?? '')) {
      findings.push({
        rule: 'prose',
        severity: 'warning',
        message: `${KEY_LABEL[k]}中“${figure.text}”的数字是手工填写的，没有绑定表格数据；请改用占位符（如{{requests.new.total}}），或由审核人核实后确认。`,
        expected: null,
        actual: figure.value,
        where: `chapters.${k}`,
      });
    }
    const m = TODO_MARK.exec(narrative[k] ?? '');
    if (m) {
      findings.push({
        rule: 'chapters',
        severity: 'error',
        message: `${KEY_LABEL[k]}还有待补充的内容：${m[0]}。请补写后再提交审核。`,
        expected: null,
        actual: m[0],
        where: `chapters.${k}`,
      });
    }
  }
  return { preamble, chapters, findings };
}
