/** Reading table 2 (主动公开政府信息情况) in either format. */

import type { ReportFormat } from '../../rules/outcomes.js';
import { proactiveBlocks } from '../../rules/report/format.js';
import type { CellValue } from '../../rules/report/types.js';
import type { Token } from './document.js';
import { canCut, rowReadings } from './split.js';
import { ENUM_START, type ValueToken } from './tables-labels.js';
import { cellValue, placeByX } from './tables-requests.js';

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

export function readProactive(tokens: Token[], from: number, to: number): ProactiveRead {
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
