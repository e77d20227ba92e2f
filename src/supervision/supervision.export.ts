import { renderDocx, type Block, type OfficialDoc } from '../platform/documents/index.js';
import { grade, INDICATOR_LABELS } from '../rules/assessment/index.js';
import { cite, spanText } from '../rules/citations.js';
import type { AssessmentResult, BoardRow } from './supervision.api.js';

/**
 * Exports of the supervising office: the assessment and the board as .xlsx (exceljs), and the 通报 as a .docx
 * in the official layout (GB/T 9704 through platform/documents): ranking, problems by agency, requirements.
 */

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

/** The board's rows and the assessment (when given) as a workbook: one sheet per table, figures as on the board. */
export async function boardXlsx(
  board: { period: { from: string; to: string }; reportYear: number; rows: BoardRow[] },
  assessment?: AssessmentResult,
): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs'); // loaded when a workbook is asked for, not at start
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  const ws = wb.addWorksheet('监督看板');
  ws.addRow([`统计期间：${board.period.from} 至 ${board.period.to}`]);
  ws.addRow([
    '机关',
    '收到申请',
    '在办',
    '超期未答复',
    '逾期答复',
    '按时答复率',
    '延期率',
    '补正按时率',
    '复议',
    '诉讼',
    '被纠错',
    '主动公开',
    '超时公开',
    '空白栏目',
    '未更新栏目',
    `${board.reportYear}年度报告`,
    '报告错误',
    '督办未办',
    '督办逾期',
    '问题',
  ]);
  for (const r of board.rows) {
    ws.addRow([
      r.agencyName,
      r.requests.received,
      r.requests.openNow,
      r.requests.overdueNow,
      r.requests.closedLate,
      pct(r.onTimeRate),
      pct(r.extensionRate),
      pct(r.correctionsOnTimeRate),
      r.requests.reconsiderations,
      r.requests.litigations,
      r.requests.corrected,
      r.releases,
      r.releasesLate,
      r.columnsBlank,
      r.columnsStale,
      r.report.publishedOn ? `${r.report.publishedOn}公布${r.report.late ? '（逾期）' : ''}` : r.report.collected ? '已报送文件' : '未公布',
      r.report.errors,
      r.orders.open,
      r.orders.overdue,
      r.flags.join('；'),
    ]);
  }
  ws.getRow(2).font = { bold: true };
  ws.columns.forEach((c, i) => {
    c.width = i === 0 ? 28 : i === 19 ? 48 : 12;
  });
  if (assessment) {
    const ss = wb.addWorksheet('考核得分');
    ss.addRow([`${assessment.year}年度政务公开工作考核（${assessment.scheme.name}，截至${assessment.asOf}）`]);
    ss.addRow(['名次', '机关', '得分', '等次', ...assessment.scheme.sections.map((s) => `${s.label}扣分（满分${s.max}）`)]);
    for (const a of assessment.agencies)
      ss.addRow([a.rank, a.agencyName, a.score, grade(a.score, assessment.scheme.total), ...a.sections.map((s) => s.deducted)]);
    ss.getRow(2).font = { bold: true };
    const ds = wb.addWorksheet('扣分依据');
    ds.addRow(['机关', '考核指标', '次数', '扣分', '记录', '问题']);
    for (const a of assessment.agencies) {
      for (const d of a.deductions) for (const e of d.evidence) ds.addRow([a.agencyName, d.label, d.count, d.points, e.label, e.detail]);
    }
    ds.getRow(1).font = { bold: true };
    ds.columns.forEach((c, i) => {
      c.width = [28, 24, 8, 8, 30, 70][i] ?? 12;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The 通报 of a year's assessment as an official document. */
export function assessmentNotice(a: AssessmentResult, issuer: string, date: string): OfficialDoc {
  const total = a.scheme.total;
  const blocks: Block[] = [
    {
      type: 'paragraph',
      text: `按照政务公开工作考核安排，${issuer}依据${a.scheme.name}，对${a.agencies.length}个单位${a.year}年度政务公开工作进行了考核。考核数据取自政府信息公开申请台账、主动公开发布记录、政府信息公开工作年度报告和督办记录，统计截至${a.asOf}。现将考核结果通报如下。`,
    },
    { type: 'heading', level: 1, text: '考核结果' },
    {
      type: 'table',
      widths: [1, 5, 2, 2],
      header: [['名次', '单位', '得分', '等次']],
      rows: a.agencies.map((s) => [String(s.rank), s.agencyName, String(s.score), grade(s.score, total)]),
    },
    { type: 'heading', level: 1, text: '存在的问题' },
  ];
  const withProblems = a.agencies.filter((s) => s.deductions.length);
  if (!withProblems.length) blocks.push({ type: 'paragraph', text: '本次考核未发现扣分问题。' });
  for (const s of withProblems) {
    blocks.push({ type: 'heading', level: 2, text: `${s.agencyName}（扣${s.deducted}分）` });
    blocks.push({
      type: 'list',
      ordered: true,
      items: s.deductions.map((d) => {
        const shown = d.evidence
          .slice(0, 5)
          .map((e) => `${e.label}：${e.detail}`)
          .join('；');
        const more = d.evidence.length > 5 ? `等${d.evidence.length}项` : '';
        return `${d.label}${d.count}项，扣${d.points}分${d.capped ? '（已达扣分上限）' : ''}。${shown}${more}。`;
      }),
    });
  }
  blocks.push(
    { type: 'heading', level: 1, text: '工作要求' },
    {
      type: 'list',
      ordered: true,
      items: [
        '各单位要对照通报的问题逐项整改，整改情况于通报印发之日起20个工作日内报送政务公开办。',
        `依申请公开要严格执行《中华人民共和国政府信息公开条例》第三十三条规定的答复期限，需要补正的在收到申请之日起${spanText('correctionRequest')}内一次性告知（${cite('art30')}）。`,
        `主动公开的政府信息要自形成或者变更之日起${spanText('proactive')}内及时公开（${cite('art26')}），公开栏目要按更新周期及时更新，不得出现空白栏目。`,
        '政府信息公开工作年度报告要按照条例第四十九条规定的时限公布，数据要与台账一致，不得照搬往年或其他单位的报告。',
        '对政务公开办督办的事项，要在办理期限内办结并答复。',
      ],
    },
    { type: 'paragraph', text: `附：各单位扣分明细（${INDICATOR_LABELS.overdue_reply.label}等指标的每一项记录见考核得分表）。` },
  );
  return {
    issuer,
    title: `关于${a.year}年度政务公开工作考核情况的通报`,
    recipient: '各有关单位',
    blocks,
    signature: { agency: issuer, date },
    note: '此件公开发布',
  };
}

export async function assessmentDocx(a: AssessmentResult, issuer: string, date: string): Promise<Buffer> {
  return renderDocx(assessmentNotice(a, issuer, date));
}
