/** Replies that provide information: disclosed (条例第三十六条第（一）、（二）项) and partly disclosed (第三十七条). */
import type { OutcomeKey } from '../../rules/outcomes.js';
import { clause, sentence, you } from './phrases.js';
import { hasText, type ReplySpec } from './replies-common.js';
import { provisionBlocks, validateProvision } from './replies-provision.js';
import { WITHHELD_BASIS } from './replies-withheld.js';
import { p } from './template.js';

/** The replies of the disclosed outcomes. */
export const PROVIDED_REPLIES = {
  disclosed: {
    validate(_ctx, issues, r) {
      if (r.disclosure === 'already_public') {
        issues.text('reply.publishedAt', r.publishedAt, '已主动公开的信息必须告知获取的方式、途径（条例第三十六条第（一）项）');
      } else {
        validateProvision(issues, r.provision, r.items, '条例第三十六条第（二）项');
      }
    },
    build(ctx, c, r) {
      const y = you(ctx.applicant.isOrganization);
      if (r.disclosure === 'already_public') {
        return {
          blocks: [
            p(
              `经审查，${y}申请获取的政府信息本机关已经主动公开。根据${c.cite('art36.1')}的规定，告知${y}获取该政府信息的方式、途径：` +
                sentence(r.publishedAt!),
            ),
          ],
        };
      }
      const prov = provisionBlocks(ctx, c, r.provision!, (r.items ?? []).filter(hasText));
      return {
        blocks: [p(`经审查，${y}申请获取的政府信息属于可以公开的政府信息。根据${c.cite('art36.2')}的规定，本机关向${y}提供该政府信息。`), ...prov.blocks],
        attachments: prov.attachments,
      };
    },
  },
  partly_disclosed: {
    validate(_ctx, issues, r) {
      validateProvision(issues, r.provision, r.items, '条例第三十六条第（二）项');
      if (r.withheldBasis && !(r.withheldBasis in WITHHELD_BASIS)) issues.add('reply.withheldBasis', '不予公开部分的依据无效');
    },
    build(ctx, c, r) {
      const y = you(ctx.applicant.isOrganization);
      const parts = hasText(r.withheldParts) ? clause(r.withheldParts) : '其中不应当公开或者不属于政府信息的内容';
      const basis = r.withheldBasis ? WITHHELD_BASIS[r.withheldBasis] : undefined;
      const prov = provisionBlocks(ctx, c, r.provision!, (r.items ?? []).filter(hasText));
      return {
        blocks: [
          p(
            `经审查，${y}申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理。根据${c.cite('art37')}的规定，` +
              `本机关向${y}提供可以公开的政府信息内容，并对不予公开的内容说明理由。`,
          ),
          p(
            `对${parts}不予公开的理由如下：${sentence(r.reason!)}${basis ? `${c.cite(...basis.articles)}规定，${basis.text}。` : ''}` +
              `根据${c.cite('art36.3')}的规定，本机关决定对该部分内容不予公开。`,
          ),
          ...prov.blocks,
        ],
        attachments: prov.attachments,
      };
    },
  },
} satisfies Partial<Record<OutcomeKey, ReplySpec>>;
