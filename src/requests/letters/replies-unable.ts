/** Replies that cannot provide (无法提供): not held or not responsible, needs creation, still unclear after correction. */
import type { OutcomeKey } from '../../rules/outcomes.js';
import { clause, date, sentence, you } from './phrases.js';
import { caseDate, docNumberNote, hasText, type ReplySpec } from './replies-common.js';
import { p } from './template.js';

/** The replies of the unable outcomes. */
export const UNABLE_REPLIES = {
  unable_not_held: {
    validate(_ctx, issues, r) {
      if (r.notHeld === 'not_responsible') {
        issues.text('reply.reason', r.reason, '非本机关负责公开的答复必须说明理由（条例第三十六条第（五）项）');
        if (r.responsibleAgency && hasText(r.responsibleAgency.name) && !hasText(r.responsibleAgency.contact)) {
          issues.add('reply.responsibleAgency.contact', '能够确定负责公开的行政机关的，必须告知其名称和联系方式（条例第三十六条第（五）项）');
        }
      }
    },
    build(ctx, c, r) {
      const y = you(ctx.applicant.isOrganization);
      if (r.notHeld === 'not_responsible') {
        const ra = r.responsibleAgency;
        const known = ra && hasText(ra.name);
        return {
          blocks: [
            p(`经审查，${y}所申请公开的信息不属于本机关负责公开。${sentence(r.reason!)}`),
            p(
              `根据${c.cite('art36.5')}的规定，` +
                (known
                  ? `告知${y}负责公开该政府信息的行政机关为${ra.name.trim()}，联系方式：${clause(ra.contact!)}。${y}可以向该机关提出申请。`
                  : `告知${y}本机关不负责公开该政府信息。`),
            ),
          ],
        };
      }
      const searched = hasText(r.searchDescription) ? clause(r.searchDescription) : '对本机关制作或者获取的政府信息进行了检索';
      return {
        blocks: [p(`本机关收到申请后，${searched}，没有检索到${y}所申请公开的政府信息。根据${c.cite('art36.4')}的规定，告知${y}该政府信息不存在。`)],
      };
    },
  },
  unable_needs_creation: {
    build(ctx, c, r) {
      const y = you(ctx.applicant.isOrganization);
      const why = hasText(r.reason) ? `（${clause(r.reason)}）` : '';
      return {
        blocks: [
          p(`经审查，本机关没有${y}所申请的现成信息，需要对现有政府信息进行加工、分析${why}。`),
          p(
            `根据${c.cite('art38')}的规定，行政机关向申请人提供的信息，应当是已制作或者获取的政府信息；除能够作区分处理的外，` +
              '需要行政机关对现有政府信息进行加工、分析的，行政机关可以不予提供。因此，本机关不予提供。',
          ),
        ],
      };
    },
  },
  unable_unclear_after_correction: {
    validate(ctx, issues, r) {
      caseDate(ctx, issues, 'reply.correctionNoticeDate', r.correctionNoticeDate, '补正告知书日期', false);
      caseDate(ctx, issues, 'reply.correctionReceivedDate', r.correctionReceivedDate, '收到补正申请的日期', false);
    },
    build(ctx, c, r) {
      const y = you(ctx.applicant.isOrganization);
      const when = r.correctionNoticeDate ? `于${date(r.correctionNoticeDate)}` : '已';
      const no = docNumberNote(r.correctionNoticeNumber);
      const got = r.correctionReceivedDate ? `于${date(r.correctionReceivedDate)}` : '';
      return {
        blocks: [
          p(
            `本机关${when}依照${c.cite('art30')}的规定向${y}发出补正告知书${no}，给予指导和释明，并一次性告知需要补正的事项。` +
              `${y}${got}提交了补正后的申请，但补正后申请内容仍不明确，本机关无法确定${y}所申请公开的政府信息，无法提供。` +
              (hasText(r.reason) ? sentence(r.reason) : ''),
          ),
          p(`${y}可以在明确所需政府信息的名称、文号或者其他特征性描述后，重新提出申请。`),
        ],
      };
    },
  },
} satisfies Partial<Record<OutcomeKey, ReplySpec>>;
