import { describe, expect, it } from 'vitest';
import { renderText } from '../../platform/documents/index.js';
import { OUTCOMES, outcome, type OutcomeKey } from '../../rules/outcomes.js';
import { articleLabel, composeLetter, draftLetter, replyKind, validateLetter, type ReplyFields } from './index.js';
import { base, contextFor, expectedRemedies, textOf } from './letters.fixtures.js';

/** The articles each reply must cite with the fields above (partly_disclosed adds its withheld part's basis, Art. 15). */
const EXPECTED_ARTICLES: Record<OutcomeKey, string[]> = {
  disclosed: ['art36.2'],
  partly_disclosed: ['art37', 'art15', 'art36.3'],
  withheld_state_secret: ['art14', 'art36.3'],
  withheld_prohibited: ['art14', 'art36.3'],
  withheld_security_stability: ['art14', 'art36.3'],
  withheld_third_party: ['art15', 'art32', 'art36.3'],
  withheld_internal_affairs: ['art16.1', 'art36.3'],
  withheld_process_info: ['art16.2', 'art36.3'],
  withheld_enforcement_files: ['art16.2', 'art36.3'],
  withheld_query_matter: ['art36.7'],
  unable_not_held: ['art36.4'],
  unable_needs_creation: ['art38'],
  unable_unclear_after_correction: ['art30'],
  not_processed_petition: ['art39.1'],
  not_processed_repeat: ['art36.6'],
  not_processed_publication: ['art39.2'],
  not_processed_mass_repeat: ['art35'],
  not_processed_confirm_reissue: ['art39'],
  other_no_correction: ['art30'],
  other_fee_unpaid: ['art42'],
  other_misc: [],
};

describe('replies', () => {
  for (const o of OUTCOMES) {
    it(`${o.key} cites ${EXPECTED_ARTICLES[o.key].join(', ') || 'no article'} and ends with the remedies`, () => {
      const kind = replyKind(o.key);
      const { doc, articles } = draftLetter(kind, contextFor(kind));
      const text = renderText(doc);
      // the expected articles are cited, in the letter and in the record, and belong to the taxonomy
      expect([...articles].sort()).toEqual([...EXPECTED_ARTICLES[o.key]].sort());
      for (const a of articles) {
        expect(text).toContain(articleLabel(a));
        // every citation is one the taxonomy lists for the outcome, or the withheld part's basis of a partial reply
        expect([...outcome(o.key).articles, ...(o.key === 'partly_disclosed' ? ['art15'] : [])]).toContain(a);
      }
      if (articles.length) expect(text).toContain('《中华人民共和国政府信息公开条例》（以下简称《条例》）');
      expect(text.match(/以下简称《条例》/g)?.length ?? 0).toBeLessThanOrEqual(1);
      // remedies always, right before the closing line
      const paragraphs = doc.blocks.filter((b) => b.type === 'paragraph').map((b) => (b.type === 'paragraph' ? b.text : ''));
      expect(paragraphs.at(-2)).toBe(expectedRemedies(o.key));
      expect(paragraphs.at(-1)).toMatch(/^特此(答复|告知)。$/);
      expect(doc.recipient).toBe('张三');
      expect(text).toContain('ZZXF-2026-0012');
    });
  }

  it('summarises the statute correctly for the key outcomes', () => {
    expect(textOf(replyKind('disclosed'))).toContain('（以下简称《条例》）第三十六条第（二）项的规定，本机关向您提供该政府信息');
    expect(textOf(replyKind('withheld_state_secret'))).toContain('第十四条规定，依法确定为国家秘密的政府信息，不予公开');
    expect(textOf(replyKind('withheld_state_secret'))).toContain('根据《条例》第三十六条第（三）项的规定，本机关决定不予公开');
    expect(textOf(replyKind('withheld_internal_affairs'))).toContain(
      '第十六条第一款规定，行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开',
    );
    expect(textOf(replyKind('withheld_process_info'))).toContain('讨论记录、过程稿、磋商信函、请示报告等过程性信息');
    expect(textOf(replyKind('withheld_third_party'))).toContain('第三方不同意公开且有合理理由');
    const partly = textOf(replyKind('partly_disclosed'));
    expect(partly).toContain('能够作区分处理');
    expect(partly).toContain('对附件3中的个人身份证号码和住址不予公开的理由如下：该部分属于个人隐私');
    expect(partly).toContain('该部分属于个人隐私');
    expect(partly).toContain('第十五条规定'); // the withheld part's basis
    expect(partly).toContain('zhangsan@example.com');
    expect(textOf(replyKind('unable_not_held'))).toContain('告知您该政府信息不存在');
    expect(textOf(replyKind('unable_needs_creation'))).toContain('加工、分析');
    expect(textOf(replyKind('not_processed_repeat'))).toContain('2026年10月10日');
    expect(textOf(replyKind('not_processed_repeat'))).toContain('不予重复处理');
    expect(textOf(replyKind('not_processed_petition'))).toContain('信访、投诉、举报等活动');
    expect(textOf(replyKind('not_processed_petition'))).toContain('不作为政府信息公开申请处理');
    expect(textOf(replyKind('not_processed_publication'))).toContain('政府公报、报刊、书籍等公开出版物');
    expect(textOf(replyKind('not_processed_mass_repeat'))).toContain('数量、频次明显超过合理范围');
    expect(textOf(replyKind('withheld_query_matter'))).toContain('依照有关法律、行政法规的规定办理');
    const noCorrection = textOf(replyKind('other_no_correction'));
    expect(noCorrection).toContain('不再处理告知书');
    expect(noCorrection).toContain('无正当理由逾期未补正');
    expect(noCorrection).toContain('视为放弃');
    const feeUnpaid = textOf(replyKind('other_fee_unpaid'));
    expect(feeUnpaid).toContain('国办函〔2020〕109号');
    expect(feeUnpaid).toContain('视为放弃');
    expect(feeUnpaid).toContain('现告知如下：');
    const early = validateLetter(replyKind('other_fee_unpaid'), { ...base, reply: { feeNoticeDate: '2026-10-20' } });
    expect(early.map((i) => i.message)).toContain('收费通知书日期应当在收到申请之日和本文书日期之间');
    const tooSoon = validateLetter(replyKind('other_no_correction'), {
      ...base,
      reply: { correctionNoticeDate: '2026-11-06', correctionDeadline: '2026-11-30' },
    });
    expect(tooSoon.map((i) => i.message)).toContain('补正期限届满后才能告知不再处理（条例第三十条）');
  });

  it('supports the Art. 36(1) and 36(5) variants', () => {
    const kindD = replyKind('disclosed');
    const pub = draftLetter(kindD, { ...base, reply: { disclosure: 'already_public', publishedAt: '本机关门户网站“政府信息公开”专栏' } });
    expect(pub.articles).toEqual(['art36.1']);
    expect(renderText(pub.doc)).toContain('已经主动公开');
    expect(validateLetter(kindD, { ...base, reply: { disclosure: 'already_public' } }).map((i) => i.message)).toContain(
      '已主动公开的信息必须告知获取的方式、途径（条例第三十六条第（一）项）',
    );

    const kindN = replyKind('unable_not_held');
    const other = draftLetter(kindN, {
      ...base,
      reply: { notHeld: 'not_responsible', reason: '该信息由枣庄市财政局制作', responsibleAgency: { name: '枣庄市财政局', contact: '0632-3310000' } },
    });
    expect(other.articles).toEqual(['art36.5']);
    const text = renderText(other.doc);
    expect(text).toContain('枣庄市财政局');
    expect(text).toContain('0632-3310000');
    const noContact = validateLetter(kindN, { ...base, reply: { notHeld: 'not_responsible', reason: 'x', responsibleAgency: { name: '枣庄市财政局' } } });
    expect(noContact.map((i) => i.field)).toContain('reply.responsibleAgency.contact');
    expect(validateLetter(kindN, { ...base, reply: { notHeld: 'not_responsible' } }).map((i) => i.message)).toContain(
      '非本机关负责公开的答复必须说明理由（条例第三十六条第（五）项）',
    );
  });

  it('describes each way of providing information', () => {
    const kind = replyKind('disclosed');
    const withLetter = composeLetter(kind, contextFor(kind));
    expect(withLetter.attachments).toEqual(['枣庄市信访局2025年部门预算']);
    expect(renderText(withLetter)).toContain('随本答复书一并提供（见附件）');
    const cases: [ReplyFields['provision'], string][] = [
      [{ form: 'paper', delivery: 'post', detail: '枣庄市薛城区某路2号' }, '以纸质形式邮寄至您提供的地址（枣庄市薛城区某路2号）'],
      [{ form: 'electronic', delivery: 'email', detail: 'a@example.com' }, '电子邮箱（a@example.com）'],
      [{ form: 'electronic', delivery: 'online' }, '凭查询码ZZXF-2026-0012在https://xfj.example.gov.cn下载'],
      [{ form: 'paper', delivery: 'pickup', detail: '2026年12月1日上午' }, '请您于2026年12月1日上午携带身份证明到枣庄市市中区光明路1号领取'],
      [{ form: 'inspection', detail: '2026年12月1日上午' }, '查阅、抄录相关政府信息'],
      [{ form: 'electronic', delivery: 'post', formChangedReason: '可能危及政府信息载体安全' }, '根据《条例》第四十条的规定，本机关以电子数据形式提供'],
    ];
    for (const [provision, expected] of cases) {
      expect(textOf(kind, { ...base, reply: { provision } })).toContain(expected);
    }
    const issues = validateLetter(kind, { ...base, reply: {} }).map((i) => i.message);
    expect(issues).toContain('必须写明提供政府信息的形式和方式（条例第三十六条第（二）项）');
    expect(validateLetter(kind, { ...base, reply: { provision: { form: 'paper', delivery: 'with_letter' } } }).map((i) => i.field)).toContain('reply.items');
    expect(validateLetter(kind, { ...base, reply: { provision: { form: 'inspection' } } }).map((i) => i.field)).toContain('reply.provision.detail');
  });

  it('addresses an organisation as 你单位', () => {
    const kind = replyKind('unable_not_held');
    const text = textOf(kind, { ...contextFor(kind), applicant: { name: '某律师事务所', isOrganization: true } });
    expect(text).toContain('某律师事务所：');
    expect(text).toContain('收到你单位通过互联网渠道提交');
    expect(text).not.toContain('您');
  });
});
