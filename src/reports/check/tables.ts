/**
 * Reading tables 2, 3 and 4 out of a document's tokens.
 *
 * The tables are read as a stream: a row label (recognised by its distinctive words, tolerant of typos, spaces and
 * wrapping) opens a row, and the values that follow fill its columns. This works alike for real tables (row-major
 * cells), Word-extracted cell lines, and laid-out PDF text where a wrapped label's second line may come after the
 * numbers. Group headings （三）不予公开… and the vertical 「三、本年度办理结果」 are recognised and skipped. When a
 * laid-out row has fewer numbers than columns, the numbers are put in their columns by x position.
 */

import { formatForYear, type ReportFormat } from '../../rules/outcomes.js';
import { emptyAppealsTable, emptyProactiveTable } from '../../rules/report/build.js';
import { APPEAL_COLUMN_KEYS, APPEAL_GROUP_KEYS, APPLICANT_COLUMN_KEYS, OTHER_SUB_ROW_KEYS, proactiveBlocks, requestRow } from '../../rules/report/format.js';
import type { AppealsTable, ApplicantColumn, CellValue, Finding, ProactiveTable, RequestRowKey, RequestsRow, RequestsTable } from '../../rules/report/types.js';
import { isPageNumber, lineText, norm, tokenizeLine, type ExtractedDocument, type Token } from './document.js';
import type { ChapterHeading } from './meta.js';
import { canCut, chooseReadings, rowReadings } from './split.js';

type ValueToken = Extract<Token, { kind: 'value' | 'blank' }>;

const HEADER = 'header' as const;
type RowMatch = RequestRowKey | typeof HEADER | null;

const MAX_LABEL = 64;
const ENUM_START = /^(?:\([一二三四五六七八九十]{1,2}\)|\d{1,2}[.、]|[一二三四五六][、])/;

interface MatchContext {
  /** The row read last. */
  previous?: RequestRowKey | null;
  sawOutcome: boolean;
  sawOtherSub: boolean;
  has: (k: RequestRowKey) => boolean;
  nextIsValue: boolean;
}

/** Which table-3 row a label (normalised) opens, a group heading, or nothing. */
export function matchRequestLabel(label: string, ctx: MatchContext): RowMatch {
  const t = label.replace(/[“”"「」『』]/g, '');
  if (!t || t.length > MAX_LABEL || /[。]/.test(t)) return null;
  const body = t.replace(ENUM_START, '');
  if (/\(七\)|^七[、.]?总计/.test(t)) return 'total';
  if (/^总计$|^合计$/.test(body)) return ctx.sawOutcome && !ctx.has('total') && ctx.nextIsValue ? 'total' : null;
  if (/本年新收|新收.{0,12}申请/.test(t)) return 'new';
  if (/上一?年度?结转|上年度?转入/.test(t)) return 'carried_in';
  if (/结转下一?年|下一?年度继续|转入下一?年/.test(t)) return 'carried_out';
  if (/逾期不补|不补正/.test(t)) return 'other_no_correction';
  if (/收费通知|缴纳费用|未按收费|逾期未缴|逾期未按/.test(t)) return 'other_fee_unpaid';
  if (/^其他$/.test(body) && /^\d/.test(t) && ctx.sawOtherSub) return 'other_misc';
  if (/^其他$/.test(t) && ctx.sawOtherSub && ctx.nextIsValue && !ctx.has('other_misc')) return 'other_misc';
  if (/部分公开/.test(t)) return 'partly_disclosed';
  if (/予以公开/.test(t)) return 'disclosed';
  if (/国家秘密/.test(t)) return 'withheld_state_secret';
  if (/禁止公开|法律行政.{0,3}止公开|其他法律行政/.test(t)) return 'withheld_prohibited';
  if (/三安全|一稳定|危及/.test(t)) return 'withheld_security_stability';
  if (/第三方/.test(t)) return 'withheld_third_party';
  if (/内部事务/.test(t)) return 'withheld_internal_affairs';
  if (/过程性/.test(t)) return 'withheld_process_info';
  if (/执法案卷/.test(t)) return 'withheld_enforcement_files';
  if (/查询事项/.test(t)) return 'withheld_query_matter';
  if (/不掌握/.test(t)) return 'unable_not_held';
  if (/另行制作|现成信息/.test(t)) return 'unable_needs_creation';
  if (/仍不明确|补正后/.test(t)) return 'unable_unclear_after_correction';
  if (/信访|举报|投诉/.test(t)) return 'not_processed_petition';
  if (/大量反复|反复申请/.test(t)) return 'not_processed_mass_repeat';
  if (/重复申请/.test(t)) return 'not_processed_repeat';
  if (/出版物/.test(t)) return 'not_processed_publication';
  if (/确认或重新|重新出具|已获取信息/.test(t)) return 'not_processed_confirm_reissue';
  if (/^\(六\)|^六、|其他处理/.test(t)) return ctx.sawOtherSub ? HEADER : 'other';
  // 「（一）予以」「（二）部分」 are rows whose label wrapped, not group headings.
  if (/^\([一二]\)/.test(t)) return null;
  if (/^\([一二三四五]\)|本年度办理结果|办理结果$|^不予公开$|^无法提供$|^不予处理$/.test(t)) return HEADER;
  return ctx.nextIsValue ? (fuzzyRequestLabel(body) ?? nextInSequence(t, ctx)) : null;
}

const SEQUENCE: RequestRowKey[] = [
  'new',
  'carried_in',
  'disclosed',
  'partly_disclosed',
  'withheld_state_secret',
  'withheld_prohibited',
  'withheld_security_stability',
  'withheld_third_party',
  'withheld_internal_affairs',
  'withheld_process_info',
  'withheld_enforcement_files',
  'withheld_query_matter',
  'unable_not_held',
  'unable_needs_creation',
  'unable_unclear_after_correction',
  'not_processed_petition',
  'not_processed_repeat',
  'not_processed_publication',
  'not_processed_mass_repeat',
  'not_processed_confirm_reissue',
  'other_no_correction',
  'other_fee_unpaid',
  'other_misc',
  'total',
  'carried_out',
];

/**
 * A numbered label that no pattern recognises (misspelt beyond recognition) but that follows a row of the same
 * group: by the format's row sequence it is the next row of that group (「2.重夏申请」 after 「1.信访举报投诉类申请」).
 */
function nextInSequence(t: string, ctx: MatchContext): RequestRowKey | null {
  const m = t.match(/^(\d)[.、]/);
  if (!m || !ctx.previous) return null;
  const prev = ctx.previous;
  const i = SEQUENCE.indexOf(prev);
  const next = SEQUENCE[i + 1];
  if (!next || ctx.has(next)) return null;
  const group = (k: RequestRowKey) => ((OTHER_SUB_ROW_KEYS as readonly string[]).includes(k) ? 'other' : requestRow(k).group);
  if (group(next) !== group(prev) || group(prev) === undefined) return null;
  // The number printed must be the next row's number within its group.
  const firstOfGroup = SEQUENCE.findIndex((k) => group(k) === group(next));
  return Number(m[1]) === SEQUENCE.indexOf(next) - firstOfGroup + 1 ? next : null;
}

/** The official row labels (without numbering), for labels misspelt by OCR. */
const OFFICIAL_LABELS: [RequestRowKey, string][] = (
  [
    'new',
    'carried_in',
    'disclosed',
    'partly_disclosed',
    'withheld_state_secret',
    'withheld_prohibited',
    'withheld_security_stability',
    'withheld_third_party',
    'withheld_internal_affairs',
    'withheld_process_info',
    'withheld_enforcement_files',
    'withheld_query_matter',
    'unable_not_held',
    'unable_needs_creation',
    'unable_unclear_after_correction',
    'not_processed_petition',
    'not_processed_repeat',
    'not_processed_publication',
    'not_processed_mass_repeat',
    'not_processed_confirm_reissue',
    'other_no_correction',
    'other_fee_unpaid',
    'carried_out',
  ] as RequestRowKey[]
).map((k) => [k, norm(requestRow(k).label).replace(/\(区分处理的.*$/, '')]);

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

const OFFICIAL_BIGRAMS = OFFICIAL_LABELS.map(([k, l]) => [k, bigrams(l)] as const);

/**
 * A label no pattern recognised, matched to the official label it shares most two-character pieces with (Dice
 * coefficient at least 0.6, and clearly better than the next): 「本机关不拿握相关政府信息」 is 不掌握.
 */
function fuzzyRequestLabel(body: string): RequestRowKey | null {
  if (body.length < 4 || body.length > 40) return null;
  const b = bigrams(body);
  let best: RequestRowKey | null = null;
  let bestScore = 0;
  let second = 0;
  for (const [k, l] of OFFICIAL_BIGRAMS) {
    let common = 0;
    for (const x of b) if (l.has(x)) common++;
    const score = (2 * common) / (b.size + l.size);
    if (score > bestScore) {
      second = bestScore;
      bestScore = score;
      best = k;
    } else if (score > second) second = score;
  }
  return bestScore >= 0.6 && bestScore - second >= 0.15 ? best : null;
}

// ---------------------------------------------------------------------------------------------------------------

interface RowRead {
  tokens: ValueToken[];
  /** The values were found before the label (a label printed below its numbers) and give way to values after it. */
  adopted?: boolean;
  /** The line of the label. */
  line: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Put a short row's values in their columns by x position, given column centres. Returns null when the positions
 * do not settle it (then the caller keeps the order).
 */
function placeByX(tokens: ValueToken[], centres: number[]): (ValueToken | null)[] | null {
  if (tokens.some((t) => t.x === undefined)) return null;
  const out: (ValueToken | null)[] = centres.map(() => null);
  let last = -1;
  for (const t of tokens) {
    let best = -1;
    let bestD = Infinity;
    centres.forEach((c, i) => {
      const d = Math.abs(c - t.x!);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    });
    if (best <= last || out[best] !== null) return null;
    out[best] = t;
    last = best;
  }
  return out;
}

/** Column centres from the rows that have all their values (median x per column). */
function columnCentres(rows: ValueToken[][], width: number): number[] | null {
  const full = rows.filter((r) => r.length === width && r.every((t) => t.x !== undefined));
  if (full.length === 0) return null;
  return Array.from({ length: width }, (_, i) => median(full.map((r) => r[i]!.x!)));
}

function cellValue(t: ValueToken | null | undefined): CellValue {
  return t && t.kind === 'value' ? t.value : null;
}

// ---------------------------------------------------------------------------------------------------------------

export interface RequestsRead {
  found: boolean;
  /** Rows printed in the table, with their seven cells. */
  rows: Map<RequestRowKey, CellValue[]>;
  /** Whether the 2021 （六） sub-rows were printed. */
  otherSubRows: boolean;
  firstLine: number;
  lastLine: number;
  notes: Finding[];
  /** The labels and numbers are out of order: the figures cannot be trusted. */
  scrambled?: boolean;
  /** Run-together cells that the table's arithmetic could not split in exactly one way. */
  unreliable?: 'none' | 'several' | 'too-many';
  /** Rows whose cells were split by the arithmetic. */
  cutRows?: number;
}

const FLOW_KEYS: readonly RequestRowKey[] = ['new', 'carried_in', 'total', 'carried_out'];

/**
 * Rows whose cells ran together (fewer tokens than columns, but enough digits): list each row's readings that add
 * up (six applicant cells to the 总计 cell) and let the column constraints (the results add up to （七）总计; 新收 +
 * 结转 = 总计 + 结转下年度) choose. Returns the new cells per row, or why no single reading was found.
 */
function cutRequests(
  rows: Map<RequestRowKey, RowRead>,
  order: RequestRowKey[],
  width: number,
): { cut: Map<RequestRowKey, number[]>; unreliable?: RequestsRead['unreliable'] } {
  const cut = new Map<RequestRowKey, number[]>();
  if (width !== 7) return { cut };
  const cuttable = order.filter((k) => {
    const toks = rows.get(k)!.tokens;
    return (
      toks.every((t) => t.kind === 'value') &&
      canCut(
        toks.map((t) => (t as { raw: string }).raw),
        width,
      )
    );
  });
  if (cuttable.length === 0) return { cut };
  const readings = new Map<string, number[][]>();
  let short = false;
  for (const k of order) {
    const toks = rows.get(k)!.tokens;
    if (cuttable.includes(k)) {
      const r = rowReadings(
        toks.map((t) => (t as { raw: string }).raw),
        width,
        width,
      );
      if (r === null) return { cut, unreliable: 'too-many' };
      readings.set(k, r);
    } else if (toks.length === width) readings.set(k, [toks.map((t) => (t.kind === 'value' ? t.value : 0))]);
    else short = true;
  }
  const hasSub = OTHER_SUB_ROW_KEYS.some((k) => readings.has(k));
  const leaves = order.filter((k) => !FLOW_KEYS.includes(k) && !(k === 'other' && hasSub));
  const decideOrder = [...FLOW_KEYS, ...leaves];
  const check = (choice: Map<string, number[]>, complete: boolean): boolean => {
    const total = choice.get('total');
    if (total) {
      for (let c = 0; c < width; c++) {
        let sum = 0;
        let all = true;
        for (const k of leaves) {
          const r = choice.get(k);
          if (r) sum += r[c]!;
          else all = false;
        }
        if (sum > total[c]! || (complete && all && !short && sum !== total[c])) return false;
      }
    }
    const [n, ci, co] = [choice.get('new'), choice.get('carried_in'), choice.get('carried_out')];
    if (n && ci && total && co) for (let c = 0; c < width; c++) if (n[c]! + ci[c]! !== total[c]! + co[c]!) return false;
    return true;
  };
  const res = chooseReadings(decideOrder, readings, check);
  if (!res.chosen) return { cut, unreliable: res.reason };
  for (const k of cuttable) cut.set(k, res.chosen.get(k)!);
  return { cut };
}

function readRequests(tokens: Token[], start: number, stopLine: number): RequestsRead {
  const rows = new Map<RequestRowKey, RowRead>();
  const order: RequestRowKey[] = [];
  let current: RequestRowKey | null = null;
  let buffer = '';
  let sawOutcome = false;
  let sawOtherSub = false;
  let width = 7;
  let lastLine = tokens[start]?.line ?? 0;
  const notes: Finding[] = [];
  // Values with no open row to take them (the row before is full): they may belong to the next label, when that
  // label is printed lower than its numbers (「1.」 / numbers / 「属于国家秘密」 in some PDFs).
  let orphans: ValueToken[] = [];
  // Signs that the text order is scrambled (a table extracted column by column): labels that got no numbers, and
  // numbers that came before their label.
  let emptyLabels = 0;
  let adoptions = 0;
  // A 小计 column (not in the official table) makes rows one wider; it is dropped below.
  for (let j = Math.max(0, start - 60); j < start; j++) {
    const t = tokens[j]!;
    if (t.kind === 'text' && /小计/.test(t.text)) width = 8;
  }
  for (let i = start; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.line >= stopLine) break;
    if (t.kind === 'text') {
      if ((rows.has('total') || rows.has('carried_out')) && /行政复议|行政诉讼/.test(t.text)) break;
      if (ENUM_START.test(t.text)) buffer = '';
      const nextIsValue = tokens[i + 1] !== undefined && tokens[i + 1]!.kind !== 'text';
      const ctx: MatchContext = { previous: current, sawOutcome, sawOtherSub, has: (k) => (rows.get(k)?.tokens.length ?? 0) > 0, nextIsValue };
      let key = matchRequestLabel(t.text, ctx);
      if (key === null && buffer) key = matchRequestLabel(buffer + t.text, ctx);
      if (key === HEADER) {
        buffer = '';
        continue;
      }
      if (key) {
        buffer = '';
        if ((rows.get(key)?.tokens.length ?? 0) > 0) continue; // a repeated heading on a new page
        if (current && current !== key && rows.get(current)!.tokens.length === 0) {
          // The previous label got no values: it was a heading (e.g. （六）其他处理 above its three sub-rows).
          rows.delete(current);
          if (!(current === 'other' && (OTHER_SUB_ROW_KEYS as readonly string[]).includes(key))) emptyLabels++;
          order.splice(order.indexOf(current), 1);
        }
        current = key;
        if (!rows.has(key)) {
          const adopt = orphans.length === width && orphans.some((o) => o.kind === 'value');
          if (adopt) adoptions++;
          rows.set(key, { tokens: adopt ? orphans : [], adopted: adopt, line: t.line });
          order.push(key);
        }
        orphans = [];
        if (key !== 'new' && key !== 'carried_in' && key !== 'total' && key !== 'carried_out') sawOutcome = true;
        if ((OTHER_SUB_ROW_KEYS as readonly string[]).includes(key)) sawOtherSub = true;
        lastLine = t.line;
        continue;
      }
      buffer = (buffer + t.text).slice(-MAX_LABEL);
      continue;
    }
    buffer = '';
    if (!current) continue;
    const row = rows.get(current)!;
    if (row.adopted && t.line === row.line) {
      // The label has numbers of its own on its line after all: the adopted ones were strays.
      row.tokens = [];
      row.adopted = false;
    }
    if (row.tokens.length < width) {
      row.tokens.push(t);
      lastLine = t.line;
    } else {
      orphans.push(t);
      if (orphans.length > width) orphans.shift();
    }
    if (current === 'carried_out' && row.tokens.length >= width) break;
  }
  for (const k of [...order]) {
    if (rows.get(k)!.tokens.length === 0) {
      rows.delete(k);
      order.splice(order.indexOf(k), 1);
    }
  }

  // Run-together cells, split by the arithmetic.
  const { cut, unreliable } = cutRequests(rows, order, width);
  for (const [k, values] of cut) {
    const row = rows.get(k)!;
    row.tokens = values.map((v) => ({ kind: 'value', value: v, raw: String(v), line: row.line }));
  }

  // Columns: full rows as they are; short rows by x position; otherwise in order with the rest blank.
  const lists = order.map((k) => rows.get(k)!.tokens);
  const centres = columnCentres(lists, width);
  const out = new Map<RequestRowKey, CellValue[]>();
  for (const k of order) {
    const toks = rows.get(k)!.tokens;
    let placed: (ValueToken | null)[];
    if (toks.length === width) placed = toks;
    else {
      placed = (centres && placeByX(toks, centres)) || [...toks, ...Array<null>(width - toks.length).fill(null)];
      notes.push({
        rule: 'unreadable',
        severity: 'warning',
        message: `表三“${requestRow(k).short}”行只读到${toks.length}个数字（应为${width}个），${centres && placeByX(toks, centres) ? '已按位置归入各列' : '已按顺序读取'}，其余单元格视为空白，请核对原表。`,
        expected: width,
        actual: toks.length,
        where: `requests.${k}`,
      });
    }
    out.set(k, placed.map(cellValue));
  }
  if (width === 8) dropSubtotalColumn(out);
  const firstLine = tokens[start]?.line ?? 0;
  const scrambled = emptyLabels >= 3 || adoptions >= 3;
  return {
    found: out.size > 0,
    rows: out,
    otherSubRows: OTHER_SUB_ROW_KEYS.some((k) => out.has(k)),
    firstLine,
    lastLine,
    notes,
    scrambled,
    unreliable,
    cutRows: cut.size,
  };
}

/** Remove a 小计 (organisations subtotal) column: the one equal to the sum of the five organisation columns. */
function dropSubtotalColumn(rows: Map<RequestRowKey, CellValue[]>): void {
  const fits = (idx: number, orgs: number[]) =>
    [...rows.values()].every((r) => r[idx] === null || orgs.some((o) => r[o] === null) || r[idx] === orgs.reduce((s, o) => s + (r[o] ?? 0), 0));
  const candidates: [number, number[]][] = [
    [6, [1, 2, 3, 4, 5]],
    [1, [2, 3, 4, 5, 6]],
  ];
  const hit = candidates.find(([idx, orgs]) => fits(idx, orgs)) ?? candidates[0]!;
  for (const [k, r] of rows)
    rows.set(
      k,
      r.filter((_, i) => i !== hit[0]),
    );
}

// ---------------------------------------------------------------------------------------------------------------
// Table 2

const PROACTIVE_LABELS: [string, RegExp][] = [
  ['rules', /^规章(\(件\))?$/],
  ['normative_documents', /规范性文件/],
  ['licensing', /^行政许可/],
  ['other_services', /对外管理服务/],
  ['penalty', /^行政处罚/],
  ['enforcement', /^行政强制/],
  ['fees', /行政事业性收费/],
  ['procurement', /集中采购/],
];

const MARKERS_2019 = /本年新制作|本年新公开|对外公开总|上一年项目|本年增|采购项目|采购总金额|其他对外管理服务/;
const MARKERS_2021 = /本年制发|本年废止|现行有效|本年处理决定|本年收费金额/;

export interface ProactiveRead {
  found: boolean;
  format: ReportFormat | null;
  rows: Map<string, CellValue[]>;
  /** Rows whose run-together digits can be cut in more than one way (table 2 has no sums to decide). */
  unreliable: string[];
  firstLine: number;
  lastLine: number;
}

function readProactive(tokens: Token[], from: number, to: number): ProactiveRead {
  let m2019 = 0;
  let m2021 = 0;
  const rows = new Map<string, ValueToken[]>();
  // The x positions of the column headings above each row (to place the numbers of a row with blank cells).
  const headings = new Map<string, number[]>();
  let heading: number[] = [];
  let current: string | null = null;
  let firstLine = Infinity;
  let lastLine = -1;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind === 'text') {
      const body = t.text.replace(ENUM_START, '');
      const is2019 = MARKERS_2019.test(body) || /处理决定数量/.test(body);
      if (MARKERS_2019.test(body)) m2019++;
      if (MARKERS_2021.test(body)) m2021++;
      const hit = body.length <= 20 ? PROACTIVE_LABELS.find(([, re]) => re.test(body)) : undefined;
      if (hit && (rows.get(hit[0])?.length ?? 0) === 0) {
        current = hit[0];
        rows.set(current, []);
        headings.set(current, heading);
        firstLine = Math.min(firstLine, t.line);
        lastLine = Math.max(lastLine, t.line);
      } else if (/第二十条/.test(body)) {
        current = null;
        heading = [];
        firstLine = Math.min(firstLine, t.line);
      } else if (/信息内容/.test(body)) {
        current = null;
        heading = [];
      } else if ((is2019 || MARKERS_2021.test(body)) && t.x !== undefined && body.length <= 16) {
        // Only the last few headings matter (a row has at most four columns): keep the list short so that a text
        // of many headings is read in linear time.
        heading = heading.length >= 8 ? [...heading.slice(-7), t.x] : [...heading, t.x];
      }
      continue;
    }
    if (!current) continue;
    const r = rows.get(current)!;
    if (r.length < 3) {
      r.push(t);
      lastLine = Math.max(lastLine, t.line);
    }
  }
  let format: ReportFormat | null = null;
  if (m2019 > m2021) format = '2019';
  else if (m2021 > m2019) format = '2021';
  else if (rows.has('other_services') || rows.has('procurement') || (rows.get('licensing')?.length ?? 0) >= 2) format = '2019';
  else if (rows.size > 0) format = '2021';
  const out = new Map<string, CellValue[]>();
  const unreliable: string[] = [];
  if (format) {
    for (const block of proactiveBlocks(format)) {
      for (const row of block.rows) {
        const toks = rows.get(row.key);
        if (!toks) continue;
        if (toks.length === 0) {
          // The label is there but no number follows it (numbers printed before labels, in another order).
          if (rows.size > 1) unreliable.push(row.key);
          continue;
        }
        const heads = headings.get(row.key) ?? [];
        const width = block.columns.length;
        const raws = toks.map((t) => t.raw);
        if (toks.every((t) => t.kind === 'value') && canCut(raws, width)) {
          // Run-together cells: table 2 has no sums, so only digits that can be cut one way are read.
          const readings = rowReadings(raws, width, width + 1);
          if (readings && readings.length === 1) out.set(row.key, readings[0]!);
          else unreliable.push(row.key);
          continue;
        }
        const placed = toks.length < width && heads.length === width ? placeByX(toks, heads) : null;
        out.set(
          row.key,
          block.columns.map((_, i) => cellValue(placed ? placed[i] : toks[i])),
        );
      }
    }
  }
  return { found: out.size > 0 || unreliable.length > 0, format, rows: out, unreliable, firstLine: Number.isFinite(firstLine) ? firstLine : -1, lastLine };
}

// ---------------------------------------------------------------------------------------------------------------
// Table 4

export interface AppealsRead {
  found: boolean;
  values: CellValue[] | null;
  /** How many values were found (15 expected). */
  count: number;
  /** Fewer than 15 numbers were found and they were put in their columns by position. */
  placedByPosition?: boolean;
  /** The numbers were spread over several lines and do not add up: their order cannot be trusted. */
  scrambled?: boolean;
  /** The cells ran together and were split by the groups' totals. */
  cut?: boolean;
  /** The cells ran together and the totals do not split them in exactly one way. */
  unreliable?: RequestsRead['unreliable'];
  firstLine: number;
  lastLine: number;
}

function readAppeals(doc: ExtractedDocument, tokens: Token[], from: number, to: number): AppealsRead {
  const byLine = new Map<number, Token[]>();
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (!byLine.has(t.line)) byLine.set(t.line, []);
    byLine.get(t.line)!.push(t);
  }
  const dataLines: ValueToken[][] = [];
  let firstLine = -1;
  let lastLine = -1;
  for (const [line, toks] of byLine) {
    const values = toks.filter((t) => t.kind === 'value');
    const texts = toks.filter((t) => t.kind === 'text');
    if (firstLine < 0 && texts.some((t) => t.kind === 'text' && /行政复议|行政诉讼|维持|纠正/.test(t.text))) firstLine = line;
    if (values.length === 0 || texts.length > 1) continue;
    if (doc.lines[line]?.kind === 'flow' && texts.length > 0) continue;
    dataLines.push(toks.filter((t): t is ValueToken => t.kind !== 'text'));
    lastLine = line;
  }
  const exact = dataLines.find((l) => l.length === 15);
  const all = exact ?? dataLines.flat();
  if (all.length === 0) return { found: false, values: null, count: 0, firstLine, lastLine };
  const raws = all.map((t) => t.raw);
  if (all.every((t) => t.kind === 'value') && canCut(raws, 15)) {
    // Run-together cells: each of the three groups' 总计 is the sum of its four results.
    const readings = rowReadings(raws, 15, 5);
    if (readings && readings.length === 1) return { found: true, values: readings[0]!, count: 15, firstLine, lastLine, cut: true };
    return {
      found: true,
      values: null,
      count: all.length,
      firstLine,
      lastLine,
      unreliable: readings === null ? 'too-many' : readings.length === 0 ? 'none' : 'several',
    };
  }
  if (all.length < 15) {
    // A laid-out row with blank cells: put the numbers under their column headings, when those can be told apart.
    const centres = headerColumns(tokens, from, to, 15, /维持|纠正|结果|其他|尚未|审结|总计|^总$|^计$/, /行政复议|行政诉讼|起诉/);
    const placed = centres && placeByX(all, centres);
    if (placed) return { found: true, values: placed.map(cellValue), count: all.length, firstLine, lastLine, placedByPosition: true };
    return { found: true, values: null, count: all.length, firstLine, lastLine };
  }
  const values = all.slice(0, 15).map(cellValue);
  if (!exact && dataLines.length > 1) {
    // Numbers gathered from several lines may be in any order (a table exported column by column): trust them only
    // when they add up, otherwise a misreading would be reported as the agency's error.
    const adds = [0, 5, 10].every((g) => values[g + 4] === null || values[g + 4] === values.slice(g, g + 4).reduce<number>((sum, v) => sum + (v ?? 0), 0));
    if (!adds) return { found: true, values: null, count: all.length, firstLine, lastLine, scrambled: true };
  }
  return { found: true, values, count: all.length, firstLine, lastLine };
}

/**
 * Column centres from the heading words of a laid-out table: the x positions of the words that name columns,
 * clustered. Null unless exactly `n` columns come out.
 */
function headerColumns(tokens: Token[], from: number, to: number, n: number, keep: RegExp, drop: RegExp): number[] | null {
  const xs: number[] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind === 'text' && t.x !== undefined && keep.test(t.text) && !drop.test(t.text) && t.text.length <= 8) xs.push(t.x);
  }
  if (xs.length < n) return null;
  xs.sort((a, b) => a - b);
  const span = xs[xs.length - 1]! - xs[0]!;
  if (span <= 0) return null;
  const tolerance = span / (n - 1) / 2;
  const clusters: number[][] = [[xs[0]!]];
  for (const x of xs.slice(1)) {
    const c = clusters[clusters.length - 1]!;
    if (x - c[c.length - 1]! > tolerance) clusters.push([x]);
    else c.push(x);
  }
  if (clusters.length !== n) return null;
  return clusters.map((c) => c.reduce((a, b) => a + b, 0) / c.length);
}

// ---------------------------------------------------------------------------------------------------------------

export interface TablesRead {
  tokens: Token[];
  /** Whether the chapter headings of tables 3 and 4 were found (then a table not read is the reader's failure). */
  headed?: { requests: boolean; appeals: boolean };
  proactive: ProactiveRead;
  requests: RequestsRead;
  appeals: AppealsRead;
}

function firstTokenAtOrAfter(tokens: Token[], line: number): number {
  const i = tokens.findIndex((t) => t.line >= line);
  return i < 0 ? tokens.length : i;
}

/** Find and read the three tables. */
export function readTables(doc: ExtractedDocument, chapters: ChapterHeading[]): TablesRead {
  const tokens = doc.lines.flatMap((l, i) => tokenizeLine(l, i));
  const at = (key: ChapterHeading['key']) => chapters.find((c) => c.key === key)?.line;
  const h2 = at('proactive');
  const h3 = at('requests');
  const h4 = at('appeals');
  const h5 = at('problems') ?? at('other');

  // Table 3 starts at its first row label (after the chapter-3 heading when there is one).
  const from3 = h3 !== undefined ? firstTokenAtOrAfter(tokens, h3) : 0;
  const ctx0: MatchContext = { sawOutcome: false, sawOtherSub: false, has: () => false, nextIsValue: true };
  let start3 = -1;
  for (let i = from3; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'text' && matchRequestLabel(t.text, ctx0) === 'new' && tokens.slice(i + 1, i + 12).some((x) => x.kind !== 'text')) {
      start3 = i;
      break;
    }
  }
  if (start3 < 0 && from3 > 0) {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.kind === 'text' && matchRequestLabel(t.text, ctx0) === 'new' && tokens.slice(i + 1, i + 12).some((x) => x.kind !== 'text')) {
        start3 = i;
        break;
      }
    }
  }
  const stop3 =
    h4 !== undefined && start3 >= 0 && h4 > tokens[start3]!.line ? h4 : h5 !== undefined && start3 >= 0 && h5 > tokens[start3]!.line ? h5 : Infinity;
  const requests: RequestsRead =
    start3 >= 0 ? readRequests(tokens, start3, stop3) : { found: false, rows: new Map(), otherSubRows: false, firstLine: -1, lastLine: -1, notes: [] };

  // Table 2: from the chapter-2 heading (or the top) to table 3.
  const from2 = h2 !== undefined ? firstTokenAtOrAfter(tokens, h2) : 0;
  const to2 = start3 >= 0 ? start3 : h3 !== undefined ? firstTokenAtOrAfter(tokens, h3) : h4 !== undefined ? firstTokenAtOrAfter(tokens, h4) : tokens.length;
  let from2b = from2;
  if (h2 === undefined) {
    const j = tokens.findIndex((t, i) => i < to2 && t.kind === 'text' && /第二十条/.test(t.text));
    from2b = j < 0 ? to2 : j;
  }
  const proactive = readProactive(tokens, from2b, Math.max(from2b, to2));

  // Table 4: from the chapter-4 heading (or after table 3) to chapter 5.
  let from4 = h4 !== undefined ? firstTokenAtOrAfter(tokens, h4) : -1;
  if (from4 < 0) {
    const after = requests.found ? firstTokenAtOrAfter(tokens, requests.lastLine + 1) : 0;
    const j = tokens.findIndex((t, i) => i >= after && t.kind === 'text' && /行政复议/.test(t.text));
    from4 = j;
  }
  let appeals: AppealsRead = { found: false, values: null, count: 0, firstLine: -1, lastLine: -1 };
  if (from4 >= 0) {
    const startLine = tokens[from4]?.line ?? 0;
    const endLine = h5 !== undefined && h5 > startLine ? h5 : (chapters.find((c) => c.line > startLine && c.key !== 'appeals')?.line ?? Infinity);
    const to4 = endLine === Infinity ? tokens.length : firstTokenAtOrAfter(tokens, endLine);
    appeals = readAppeals(doc, tokens, from4, to4);
  }
  return { tokens, proactive, requests, appeals, headed: { requests: h3 !== undefined, appeals: h4 !== undefined } };
}

// ---------------------------------------------------------------------------------------------------------------
// Assembling the report tables

export interface AssembledTables {
  format: ReportFormat;
  proactive: ProactiveTable;
  requests: RequestsTable;
  appeals: AppealsTable;
  /** Paths the reader could not find (for validateReport's `absent`). */
  absent: string[];
  findings: Finding[];
}

function nullRow(): RequestsRow {
  return { natural_person: null, business: null, research: null, nonprofit: null, legal_service: null, other: null, total: null };
}

function toRow(values: CellValue[]): RequestsRow {
  const r = nullRow();
  APPLICANT_COLUMN_KEYS.forEach((c: ApplicantColumn, i) => (r[c] = values[i] ?? null));
  return r;
}

const UNRELIABLE_REASON: Record<NonNullable<RequestsRead['unreliable']>, string> = {
  none: '按表中的勾稽关系（各类申请人相加等于总计、各项办理结果相加等于（七）总计、新收加结转等于总计加结转下年度）找不到一种分法能使全部关系成立',
  several: '按表中的勾稽关系有不止一种分法都能成立',
  'too-many': '可能的分法太多',
};

/** Turn what was read into report-data.md tables for the judged format, listing what is missing. */
export function assembleTables(input: TablesRead, year: number | null): AssembledTables {
  let read = input;
  const findings: Finding[] = [...read.requests.notes];
  const absent: string[] = [];
  const format: ReportFormat =
    read.proactive.format ??
    (read.requests.found ? (read.requests.otherSubRows ? '2021' : year !== null ? formatForYear(year) : '2019') : year !== null ? formatForYear(year) : '2021');

  // Table 3
  const requests: Partial<Record<RequestRowKey, RequestsRow>> = {};
  if (read.requests.found && read.requests.unreliable) {
    absent.push('requests');
    findings.splice(0, findings.length);
    findings.push({
      rule: 'unreadable',
      severity: 'warning',
      message: `表三“收到和处理政府信息公开申请情况”的数字连在一起，单元格之间没有分隔，${UNRELIABLE_REASON[read.requests.unreliable]}，无法可靠地读出每个单元格，未核对该表；请用原PDF、Word或网页文件检查。`,
      expected: '表三',
      actual: null,
      where: 'requests',
    });
    read = { ...read, requests: { ...read.requests, rows: new Map(), otherSubRows: false, scrambled: true } };
  } else if (read.requests.found && read.requests.scrambled) {
    absent.push('requests');
    findings.push({
      rule: 'unreadable',
      severity: 'warning',
      message:
        '表三“收到和处理政府信息公开申请情况”的行名和数字顺序错乱（文字可能是按列而不是按行导出的），无法可靠地对应，未核对该表；请用原PDF、Word或网页文件检查。',
      expected: '表三',
      actual: null,
      where: 'requests',
    });
    read = { ...read, requests: { ...read.requests, rows: new Map(), otherSubRows: false } };
  } else if (!read.requests.found) {
    absent.push('requests');
    findings.push({
      rule: 'unreadable',
      // Under its chapter heading the table is there but could not be read: not the agency's error.
      severity: read.headed?.requests ? 'warning' : 'error',
      message:
        '没有读到表三“收到和处理政府信息公开申请情况”（未找到“一、本年新收政府信息公开申请数量”等行及其数字），无法核对依申请公开数据。表格可能是图片，或文件格式异常。',
      expected: '表三',
      actual: null,
      where: 'requests',
    });
  }
  const rows = read.requests.rows;
  const base: RequestRowKey[] = [
    'new',
    'carried_in',
    'disclosed',
    'partly_disclosed',
    'withheld_state_secret',
    'withheld_prohibited',
    'withheld_security_stability',
    'withheld_third_party',
    'withheld_internal_affairs',
    'withheld_process_info',
    'withheld_enforcement_files',
    'withheld_query_matter',
    'unable_not_held',
    'unable_needs_creation',
    'unable_unclear_after_correction',
    'not_processed_petition',
    'not_processed_repeat',
    'not_processed_publication',
    'not_processed_mass_repeat',
    'not_processed_confirm_reissue',
  ];
  for (const k of base) {
    const v = rows.get(k);
    requests[k] = v ? toRow(v) : nullRow();
    if (!v && read.requests.found && !read.requests.scrambled) absent.push(`requests.${k}`);
  }
  if (read.requests.otherSubRows) {
    for (const k of OTHER_SUB_ROW_KEYS) {
      const v = rows.get(k);
      requests[k] = v ? toRow(v) : nullRow();
      if (!v) absent.push(`requests.${k}`);
    }
    const other = nullRow();
    for (const c of APPLICANT_COLUMN_KEYS) {
      const parts = OTHER_SUB_ROW_KEYS.map((k) => requests[k]![c]);
      other[c] = parts.some((p) => p === null) ? null : parts.reduce((s, p) => s! + p!, 0);
    }
    // A （六） row printed as well as its sub-rows is kept only in the sum.
    requests.other = other;
  } else {
    const v = rows.get('other');
    requests.other = v ? toRow(v) : nullRow();
    if (!v && read.requests.found && !read.requests.scrambled) absent.push('requests.other');
  }
  for (const k of ['total', 'carried_out'] as const) {
    const v = rows.get(k);
    requests[k] = v ? toRow(v) : nullRow();
    if (!v && read.requests.found && !read.requests.scrambled) absent.push(`requests.${k}`);
  }

  // Table 4
  const appeals = emptyAppealsTable(null);
  if (read.appeals.values) {
    APPEAL_GROUP_KEYS.forEach((g, gi) => APPEAL_COLUMN_KEYS.forEach((c, ci) => (appeals[g][c] = read.appeals.values![gi * 5 + ci] ?? null)));
    if (read.appeals.placedByPosition) {
      findings.push({
        rule: 'unreadable',
        severity: 'warning',
        message: `表四“政府信息公开行政复议、行政诉讼情况”只读到${read.appeals.count}个数字（应为15个），已按位置归入各栏，其余视为空白，请核对原表。`,
        expected: 15,
        actual: read.appeals.count,
        where: 'appeals',
      });
    }
    if (read.appeals.count > 15) {
      findings.push({
        rule: 'unreadable',
        severity: 'warning',
        message: `表四“政府信息公开行政复议、行政诉讼情况”读到${read.appeals.count}个数字（应为15个），已取前15个，请核对原表。`,
        expected: 15,
        actual: read.appeals.count,
        where: 'appeals',
      });
    }
  } else {
    absent.push('appeals');
    findings.push({
      rule: 'unreadable',
      severity:
        read.appeals.unreliable || read.appeals.scrambled || (read.appeals.found && read.headed?.appeals) || (!read.appeals.found && read.headed?.appeals)
          ? 'warning'
          : 'error',
      message: read.appeals.unreliable
        ? `表四“政府信息公开行政复议、行政诉讼情况”的数字连在一起，单元格之间没有分隔，${UNRELIABLE_REASON[read.appeals.unreliable].replace(/（.*?）/, '（每栏维持、纠正、其他、尚未审结相加等于总计）')}，无法可靠地读出每个单元格，未核对该表；请用原PDF、Word或网页文件检查。`
        : read.appeals.scrambled
          ? '表四“政府信息公开行政复议、行政诉讼情况”的数字分散在多行且顺序无法确定（文字可能是按列导出的），未核对该表；请用原PDF、Word或网页文件检查。'
          : read.appeals.found
            ? `表四“政府信息公开行政复议、行政诉讼情况”只读到${read.appeals.count}个数字（应为15个），可能有空白单元格，无法确定每个数字属于哪一栏。`
            : '没有读到表四“政府信息公开行政复议、行政诉讼情况”的数字，无法核对行政复议、行政诉讼数据。',
      expected: 15,
      actual: read.appeals.count,
      where: 'appeals',
    });
  }

  // Table 2
  const proactive = emptyProactiveTable(format, null) as unknown as Record<string, Record<string, CellValue>>;
  if (!read.proactive.found) {
    absent.push('proactive');
    findings.push({
      rule: 'unreadable',
      severity: 'warning',
      message: '没有读到表二“主动公开政府信息情况”的数字，未核对主动公开数据。',
      expected: '表二',
      actual: null,
      where: 'proactive',
    });
  } else if (read.proactive.unreliable.length > 0) {
    absent.push('proactive');
    findings.push({
      rule: 'unreadable',
      severity: 'warning',
      message: `表二“主动公开政府信息情况”有${read.proactive.unreliable.length}行的数字无法可靠地读出（数字连在一起可以有不止一种分法，或行名后没有数字、数字与行名顺序错乱），未核对该表。`,
      expected: '表二',
      actual: null,
      where: 'proactive',
    });
  } else {
    for (const block of proactiveBlocks(format)) {
      for (const row of block.rows) {
        const v = read.proactive.rows.get(row.key);
        if (!v) {
          absent.push(`proactive.${row.key}`);
          continue;
        }
        block.columns.forEach((c, i) => (proactive[row.key]![c.key] = v[i] ?? null));
      }
    }
  }
  return { format, proactive: proactive as unknown as ProactiveTable, requests: requests as RequestsTable, appeals, absent, findings };
}
