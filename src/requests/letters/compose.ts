/** Composing a letter: validate the context, build the body from the kind's template, wrap it as an OfficialDoc. */
import type { Block, OfficialDoc } from '../../platform/documents/model.js';
import type { LetterContext, LetterIssue } from './context.js';
import { letterKind, outcomeOfKind, STEP_KINDS, type LetterKind, type LetterKindDef, type StepKind } from './kinds.js';
import { Citer, contactNote, Issues, nameRegulation, remediesParagraph } from './phrases.js';
import { replyTemplate } from './replies.js';
import { STEP_TEMPLATES } from './steps.js';
import type { LetterTemplate } from './template.js';

/** Thrown by composeLetter when the context is incomplete; `issues` carry Chinese messages for staff. */
export class LetterValidationError extends Error {
  constructor(
    readonly kind: LetterKind,
    readonly issues: LetterIssue[],
  ) {
    super(`无法生成${letterKind(kind).name}：${issues.map((i) => i.message).join('；')}`);
    this.name = 'LetterValidationError';
  }
}

function templateOf(kind: LetterKind): LetterTemplate {
  const key = outcomeOfKind(kind);
  if (key) return replyTemplate(key);
  if ((STEP_KINDS as readonly string[]).includes(kind)) return STEP_TEMPLATES[kind as StepKind];
  throw new Error(`unknown letter kind ${kind}`);
}

/** Checks shared by every letter: the agency's details, dates, the applicant and the case. */
function commonIssues(def: LetterKindDef, ctx: LetterContext, issues: Issues): void {
  const a = ctx.agency;
  issues.text('agency.name', a?.name, '缺少行政机关名称');
  issues.text('agency.officeName', a?.officeName, '缺少政府信息公开工作机构名称');
  issues.text('agency.address', a?.address, '缺少政府信息公开工作机构地址');
  issues.text('agency.phone', a?.phone, '缺少政府信息公开工作机构联系电话');
  const needsRemedies = def.category === 'reply' || def.kind === 'third_party_disclosure_notice';
  if (needsRemedies) {
    issues.text('agency.reconsiderationBody', a?.reconsiderationBody, '缺少行政复议机关名称，答复必须告知救济途径');
    issues.text('agency.court', a?.court, '缺少管辖的人民法院名称，答复必须告知救济途径');
  }
  const okLetter = issues.date('letter.date', ctx.letter?.date, '落款日期');
  const okReceived = issues.date('case.receivedDate', ctx.case?.receivedDate, '收到申请之日');
  if (okLetter && okReceived && ctx.letter.date < ctx.case.receivedDate) {
    issues.add('letter.date', '落款日期不得早于收到申请之日');
  }
  if (def.addressee === 'applicant') {
    issues.text('applicant.name', ctx.applicant?.name, '缺少申请人姓名或者名称');
    issues.text('case.trackingCode', ctx.case?.trackingCode, '缺少查询码');
    issues.text('case.description', ctx.case?.description, '缺少申请公开的政府信息描述');
    if (!['in_person', 'post', 'online', 'fax'].includes(ctx.case?.channel)) {
      issues.add('case.channel', '提交方式应为当面、邮寄、互联网或者传真（条例第三十一条）');
    }
  }
}

/** Everything wrong with the context for this kind of letter (empty when it can be composed). */
export function validateLetter(kind: LetterKind, ctx: LetterContext): LetterIssue[] {
  const def = letterKind(kind);
  const issues = new Issues();
  commonIssues(def, ctx, issues);
  // Kind checks read nested fields; only run them once the basics hold, so they can rely on dates.
  if (issues.list.some((i) => i.field === 'letter.date' || i.field === 'case.receivedDate')) return issues.list;
  templateOf(kind).validate(ctx, issues);
  return issues.list;
}

export interface DraftLetter {
  kind: LetterKindDef;
  doc: OfficialDoc;
  /** Article keys of the Regulation the letter cites, in order of first citation (e.g. ['art36.2']). */
  articles: string[];
}

/** Validates and composes a letter, returning the document and the articles it cites. */
export function draftLetter(kind: LetterKind, ctx: LetterContext): DraftLetter {
  const def = letterKind(kind);
  const issues = validateLetter(kind, ctx);
  if (issues.length) throw new LetterValidationError(kind, issues);
  const cite = new Citer();
  const body = templateOf(kind).build(ctx, cite);
  const blocks: Block[] = [...body.blocks];
  if (def.category === 'reply' || body.remedies) {
    const remedies = remediesParagraph(ctx.agency, outcomeOfKind(kind), { replyDate: ctx.letter.date, noun: body.remediesNoun === '决定' ? '决定' : '答复' });
    blocks.push({ type: 'paragraph', text: remedies });
  }
  blocks.push({ type: 'paragraph', text: body.closing });
  resolveRegulationName(blocks);
  const doc: OfficialDoc = {
    issuer: ctx.agency.name.trim(),
    docNumber: ctx.letter.docNumber?.trim() || undefined,
    title: def.title,
    recipient: body.recipient,
    blocks,
    signature: { agency: ctx.letter.signatory?.trim() || ctx.agency.name.trim(), date: ctx.letter.date },
    seal: ctx.letter.seal ?? true,
    note: contactNote(ctx.agency),
  };
  if (body.attachments?.length) doc.attachments = body.attachments;
  if (ctx.letter.cc?.length) doc.cc = ctx.letter.cc;
  return { kind: def, doc, articles: cite.cited };
}

/** Replaces the Regulation marks in reading order (paragraphs, list items, table cells). */
function resolveRegulationName(blocks: Block[]): void {
  const texts: string[] = [];
  const setters: ((t: string) => void)[] = [];
  for (const b of blocks) {
    if (b.type === 'paragraph' || b.type === 'heading') {
      texts.push(b.text);
      setters.push((t) => (b.text = t));
    } else if (b.type === 'list') {
      b.items.forEach((item, i) => {
        texts.push(item);
        setters.push((t) => (b.items[i] = t));
      });
    } else {
      for (const row of [...(b.header ?? []), ...b.rows]) {
        row.forEach((cell, i) => {
          texts.push(typeof cell === 'string' ? cell : cell.text);
          setters.push((t) => (row[i] = typeof cell === 'string' ? t : { ...cell, text: t }));
        });
      }
    }
  }
  nameRegulation(texts).forEach((t, i) => setters[i](t));
}

/** Composes the letter of `kind` as an official document; throws LetterValidationError when fields are missing. */
export function composeLetter(kind: LetterKind, ctx: LetterContext): OfficialDoc {
  return draftLetter(kind, ctx).doc;
}
