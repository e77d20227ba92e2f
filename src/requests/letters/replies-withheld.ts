/** Refusals (不予公开): the exemptions of 条例第十四条至第十六条 and the query matters of 第三十六条第（七）项. */
import type { OutcomeKey } from '../../rules/outcomes.js';
import type { WithheldOutcomeKey } from './context.js';
import { sentence, you } from './phrases.js';
import type { ReplySpec } from './replies-common.js';
import { p } from './template.js';

/** What each exemption article says, summarised from the statute (条例第十四条至第十六条、第三十六条第（七）项). */
export const WITHHELD_BASIS: Record<WithheldOutcomeKey, { articles: string[]; text: string }> = {
  withheld_state_secret: { articles: ['art14'], text: '依法确定为国家秘密的政府信息，不予公开' },
  withheld_prohibited: { articles: ['art14'], text: '法律、行政法规禁止公开的政府信息，不予公开' },
  withheld_security_stability: {
    articles: ['art14'],
    text: '公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息，不予公开',
  },
  withheld_third_party: {
    articles: ['art15'],
    text: '涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开；但是，第三方同意公开或者行政机关认为不公开会对公共利益造成重大影响的，予以公开',
  },
  withheld_internal_affairs: {
    articles: ['art16.1'],
    text: '行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开',
  },
  withheld_process_info: {
    articles: ['art16.2'],
    text: '行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息，可以不予公开；法律、法规、规章规定上述信息应当公开的，从其规定',
  },
  withheld_enforcement_files: {
    articles: ['art16.2'],
    text: '行政机关在履行行政管理职能过程中形成的行政执法案卷信息，可以不予公开；法律、法规、规章规定上述信息应当公开的，从其规定',
  },
  withheld_query_matter: {
    articles: ['art36.7'],
    text: '所申请公开信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定的，告知申请人依照有关法律、行政法规的规定办理',
  },
};

function withheld(key: Exclude<WithheldOutcomeKey, 'withheld_query_matter'>): ReplySpec {
  return {
    build(ctx, c, r) {
      const y = you(ctx.applicant.isOrganization);
      const basis = WITHHELD_BASIS[key];
      let consulted = '';
      if (key === 'withheld_third_party' && r.thirdPartyOpinion) {
        consulted =
          r.thirdPartyOpinion === 'objected'
            ? `本机关依照${c.cite('art32')}的规定书面征求了第三方的意见，第三方不同意公开且有合理理由。`
            : `本机关依照${c.cite('art32')}的规定书面征求了第三方的意见，第三方逾期未提出意见，本机关依照${c.reg()}的规定决定是否公开。`;
      }
      return {
        blocks: [
          p(`${c.cite(...basis.articles)}规定，${basis.text}。`),
          p(`经审查，${y}申请公开的政府信息属于上述情形。${consulted}理由如下：${sentence(r.reason!)}`),
          p(`根据${c.cite('art36.3')}的规定，本机关决定不予公开。`),
        ],
      };
    },
  };
}

/** The replies of the withheld outcomes. */
export const WITHHELD_REPLIES = {
  withheld_state_secret: withheld('withheld_state_secret'),
  withheld_prohibited: withheld('withheld_prohibited'),
  withheld_security_stability: withheld('withheld_security_stability'),
  withheld_third_party: withheld('withheld_third_party'),
  withheld_internal_affairs: withheld('withheld_internal_affairs'),
  withheld_process_info: withheld('withheld_process_info'),
  withheld_enforcement_files: withheld('withheld_enforcement_files'),
  withheld_query_matter: {
    build(ctx, c, r) {
      const y = you(ctx.applicant.isOrganization);
      return {
        blocks: [
          p(`经审查，${y}所申请公开的信息属于有关法律、行政法规对信息的获取有特别规定的信息：${sentence(r.reason!)}`),
          p(`根据${c.cite('art36.7')}的规定，请${y}依照有关法律、行政法规的规定办理。`),
        ],
      };
    },
  },
} satisfies Partial<Record<OutcomeKey, ReplySpec>>;
