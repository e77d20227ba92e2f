/**
 * Figures stated in a report's running text: 「共收到政府信息公开申请3件」「答复3050件（含上年度结转申请34件，另有103件
 * 顺延到下年度答复）」「政府信息公开行政复议351件，其中结果维持72件…」. Each becomes a ProseStatement that
 * validateReport compares with the tables. Only clear phrasings are read; a sentence that merely mentions a number
 * near these words is left alone rather than guessed at.
 */

import type { OutcomeGroup } from '../../rules/outcomes.js';
import type { AppealColumn, ProseKind, ProseStatement } from '../../rules/report/index.js';

const UNIT = '(?:件|条|个|宗|份|起|次)';
const NUM = '(\\d[\\d,]*)';
const FILL = (max: number) => `[^，,。；;：:\\d（）()]{0,${max}}?`;

function num(s: string): number {
  return Number(s.replace(/,/g, ''));
}

/** Clauses: split on sentence ends; keep parentheses inside their clause. */
function sentences(text: string): string[] {
  return text
    .split(/[。；;！!？?\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const NOT_REQUESTS = /复议|诉讼|建议|提案|咨询|留言|来信来访|信访件|举报件|投诉件|热线|意见/;

/**
 * Whether the figure at `index` is about disclosure applications: the nearest topic word before it names them
 * (信息公开, 依申请) rather than something else (复议, 建议, 信访…). 「全年受理行政复议申请200件，办结180件」 → no.
 */
function aboutRequests(sentence: string, index: number): boolean {
  const before = sentence.slice(0, index);
  const topic = /信息公开|依申请|公开申请/g;
  const other = /复议|诉讼|建议|提案|咨询|留言|来信|来访|信访件|热线|投诉件|举报件/g;
  let lastTopic = -1;
  let lastOther = -1;
  for (const m of before.matchAll(topic)) lastTopic = m.index!;
  for (const m of before.matchAll(other)) lastOther = m.index!;
  return lastOther < 0 || lastTopic > lastOther;
}

interface Rule {
  kind: ProseKind;
  re: RegExp;
  /** Index of the number group. */
  group: number;
  /** A match is dropped when its own text matches this. */
  reject?: RegExp;
}

const RULES: Rule[] = [
  // 新收 / 收到 / 受理 … 申请 N 件
  {
    kind: 'requests.new.total',
    re: new RegExp(`(?:新收|收到|受理|接收|接到|收悉|登记)(?:了)?(${FILL(24)}申请${FILL(14)})(?:共计|共|合计|总计|累计)?${NUM}${UNIT}`),
    group: 2,
    reject: /结转|上年|上一年|复议|诉讼|建议|提案|咨询|留言|热线/,
  },
  // 本年新收 N 件 (「新收」 alone is specific enough)
  {
    kind: 'requests.new.total',
    re: new RegExp(`(?:本年度?|全年)?新收(?:到)?${FILL(4)}(?:共计|共|合计)?${NUM}${UNIT}`),
    group: 1,
    reject: /结转|复议|诉讼|建议|提案/,
  },
  // 上年结转 N 件 / 含上年度结转申请 N 件
  {
    kind: 'requests.carried_in.total',
    re: new RegExp(`(?:上一?年度?|往年)(?:结转|转入|遗留)(?:的|过来的)?${FILL(14)}${NUM}${UNIT}`),
    group: 1,
  },
  // N 件结转 / 顺延到下年度
  {
    kind: 'requests.carried_out.total',
    re: new RegExp(`${NUM}${UNIT}${FILL(8)}(?:结转|顺延|转入|转至)(?:到|至)?下一?年度?`),
    group: 1,
  },
  {
    kind: 'requests.carried_out.total',
    re: new RegExp(`(?:结转|顺延|转入)(?:到|至)?下一?年度?(?:继续办理|办理|答复)?(?:的)?${FILL(10)}${NUM}${UNIT}`),
    group: 1,
  },
  // 办结 / 答复 N 件
  {
    kind: 'requests.total.total',
    re: new RegExp(`(?:办结|答复|办理完毕|处理完毕|作出答复|予以答复|完成答复)(?:了)?(?:政府信息公开申请|申请)?(?:共计|共|合计)?${NUM}${UNIT}`),
    group: 1,
  },
  // 行政复议 N 件 / 行政诉讼 N 件
  { kind: 'appeals.reconsideration.total', re: new RegExp(`行政复议(?:申请|案件)?${FILL(6)}${NUM}${UNIT}`), group: 1, reject: /复议后/ },
  { kind: 'appeals.litigation.total', re: new RegExp(`行政诉讼(?:案件)?${FILL(6)}${NUM}${UNIT}`), group: 1 },
  { kind: 'appeals.litigation_direct.total', re: new RegExp(`未经复议直接(?:起诉|提起诉讼)${FILL(6)}${NUM}${UNIT}`), group: 1 },
  { kind: 'appeals.litigation_after_reconsideration.total', re: new RegExp(`复议后(?:起诉|提起诉讼)${FILL(6)}${NUM}${UNIT}`), group: 1 },
];

const GLOBAL = new Map<Rule, RegExp>(RULES.map((r) => [r, new RegExp(r.re.source, 'g')]));

const GROUP_WORDS: [OutcomeGroup, string][] = [
  ['disclosed', '予以公开'],
  ['partly_disclosed', '部分公开'],
  ['withheld', '不予公开'],
  ['unable', '无法提供'],
  ['not_processed', '不予处理'],
  ['other', '其他处理'],
];

const RESULT_WORDS: [Exclude<AppealColumn, 'total'>, RegExp][] = [
  ['upheld', new RegExp(`(?:结果)?维持(?:原)?(?:决定|的)?${NUM}${UNIT}`)],
  ['corrected', new RegExp(`(?:结果)?(?:纠正|纠错|撤销)(?:的)?${NUM}${UNIT}`)],
  ['other', new RegExp(`其他结果${NUM}${UNIT}`)],
  ['pending', new RegExp(`尚未审结${NUM}${UNIT}`)],
];

/** A narrower scope than all of the agency's applications: a part of the agency, an applicant type, 「其中」. */
const NARROW = /本级|部门|乡镇|街道|下属|直属|分别|自然人|法人|企业|科研机构|公益组织|法律服务机构|其中|包括/;
const ALL_WORDS = /共|合计|总计|累计|全年|全部|总数|总量|本年度?/;
/** 「，占全部申请的93%」「,占申请总数的87.7%」 right after a figure (the text is NFKC: ，→, ％→%). */
const SHARE_AFTER = /^(?:件|条|个|宗|份|起|次)?,?(?:约)?占[^,\d%。]{0,14}?(?:约)?\d+(?:\.\d+)?%/;

/**
 * Whether the figure matched at `index` (text `matched`) is stated as one about all applications: their total
 * (「全年共收到…」) or a share of all (「…，占93%」), with nothing in its clause narrowing the scope.
 */
function aboutAll(sentence: string, index: number, matched: string, totalWording: boolean): boolean {
  const clauseStart = Math.max(sentence.lastIndexOf(',', index - 1), sentence.lastIndexOf('(', index - 1), 0);
  const clause = sentence.slice(clauseStart, index + matched.length);
  if (NARROW.test(clause)) return false;
  const share = SHARE_AFTER.test(sentence.slice(index + matched.length));
  return share || (totalWording && ALL_WORDS.test(clause));
}

/** The clause(s) around a match, with full-width punctuation restored for display. */
function clip(sentence: string, index: number, length: number): string {
  const bounds = /[,，]/;
  let from = index;
  while (from > 0 && index - from < 30 && !bounds.test(sentence[from - 1]!)) from--;
  let to = index + length;
  while (to < sentence.length && to - (index + length) < 30 && !bounds.test(sentence[to]!)) to++;
  const piece = sentence.slice(from, to);
  return piece
    .replace(/,(?!\d{3})/g, '，')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/:/g, '：');
}

/** Read the figures stated in running text. */
export function extractProse(text: string): ProseStatement[] {
  const out: ProseStatement[] = [];
  const flat = text.normalize('NFKC').replace(/[ \t\u00a0\u3000]+/g, '');
  for (const sentence of sentences(flat)) {
    if (!/\d/.test(sentence)) continue;
    for (const rule of RULES) {
      const re = GLOBAL.get(rule)!;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(sentence)) !== null) {
        // 「其中…」 introduces a part, not the whole (「全县共受理…，其中县政府办受理…」).
        const clauseStart = Math.max(sentence.lastIndexOf(',', m.index - 1), sentence.lastIndexOf('(', m.index - 1), 0);
        const clause = sentence.slice(clauseStart, m.index);
        if (/其中|包括|含$/.test(clause) && rule.kind !== 'requests.carried_in.total') continue;
        if (rule.reject && rule.reject.test(m[0])) continue;
        if (rule.kind.startsWith('appeals.')) {
          // Only reconsideration and litigation about this agency's disclosure work: not cases it handles as the
          // reconsideration body (「受理行政复议申请200件」 in a 司法局 report), not other matters.
          if (!/信息公开|被申请|被提起|被诉|被起诉|应诉/.test(sentence)) continue;
          if (/受理|办理|审理|审结|办结|收到$/.test(sentence.slice(Math.max(0, m.index - 3), m.index))) continue;
        }
        if (rule.kind === 'requests.new.total' && NOT_REQUESTS.test(m[1] ?? '')) continue;
        if (rule.kind !== 'requests.new.total' && rule.kind.startsWith('requests.') && !aboutRequests(sentence, m.index)) continue;
        const all = rule.kind === 'requests.new.total' && aboutAll(sentence, m.index, m[0], true);
        out.push({ kind: rule.kind, value: num(m[rule.group]!), text: clip(sentence, m.index, m[0].length), ...(all ? { scope: 'all' as const } : {}) });
      }
    }
    // Outcome groups: 「予以公开50件」「不予公开3件」.
    for (const [group, word] of GROUP_WORDS) {
      if (!sentence.includes(word)) continue;
      const re = new RegExp(`${word}(?:的|了)?(?:申请)?${NUM}${UNIT}`, 'g');
      let m: RegExpExecArray | null;
      while ((m = re.exec(sentence)) !== null) {
        if (group === 'disclosed' && /部分|不$/.test(sentence.slice(Math.max(0, m.index - 2), m.index))) continue;
        // 「予以公开及部分公开258件」 counts two rows together: not comparable with either.
        if (/(?:公开|提供|处理)(?:及|和|与|、|或)$/.test(sentence.slice(Math.max(0, m.index - 5), m.index))) continue;
        if (/主动/.test(sentence.slice(Math.max(0, m.index - 6), m.index))) continue;
        const all = aboutAll(sentence, m.index, m[0], true);
        out.push({ kind: `requests.${group}.total`, value: num(m[1]!), text: clip(sentence, m.index, m[0].length), ...(all ? { scope: 'all' as const } : {}) });
      }
    }
    // Results after 「行政复议N件，其中…」 / 「行政诉讼N件，其中…」.
    for (const [target, word] of [
      ['reconsideration', '行政复议'],
      ['litigation', '行政诉讼'],
    ] as const) {
      if (!sentence.includes(word)) continue;
      const at = sentence.search(new RegExp(`${word}(?:申请|案件)?${FILL(6)}\\d`));
      if (at < 0 || !/信息公开|被申请|被提起|被诉|被起诉|应诉/.test(sentence)) continue;
      let rest = sentence.slice(at + word.length);
      const other = rest.search(target === 'reconsideration' ? /行政诉讼|起诉/ : /行政复议/);
      if (other >= 0) rest = rest.slice(0, other);
      if (!/其中/.test(rest)) continue;
      for (const [col, re] of RESULT_WORDS) {
        const m = rest.match(re);
        if (m) out.push({ kind: `appeals.${target}.${col}`, value: num(m[1]!), text: clip(sentence, at, word.length + (m.index ?? 0) + m[0].length) });
      }
    }
  }
  return out;
}
