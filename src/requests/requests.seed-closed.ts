/** The demo's closed cases: 枣庄市信访局's 2020 applications as its published report has them, and 2025–2026 cases. */
import type { PlatformDemo } from '../platform/demo/platform.seed.js';
import type { OutcomeKey } from '../rules/outcomes.js';
import type { ApplicantData } from './application.js';
import { accepted, closed, person, received, type SeedCase } from './requests.seed-writer.js';

/** The applicant of the demo's law-firm cases (one closed, one open). */
export const LAW_FIRM: ApplicantData = {
  kind: 'organization',
  name: '山东某某律师事务所（演示）',
  orgType: 'legal_service',
  creditCode: '91350100M000100Y43',
  legalRepresentative: '周某',
  contactName: '吴某',
  phone: '0632-5550100',
  email: 'demo-law@example.cn',
  address: '枣庄市薛城区（演示地址）',
  postcode: '277000',
};

/** The closed cases, in the order they are written (2020 first). */
export function closedDemoCases(agencies: PlatformDemo['agencies']): SeedCase[] {
  const { xfj, czj, jyj } = agencies;
  // ---- 枣庄市信访局, 2020: 4 natural persons; 3 disclosed, 1 other; all closed in 2020.
  const y2020: [ApplicantData, string, string, string, OutcomeKey, string][] = [
    [person('张某华', '370402', '19750312', '031'), '2020-03-16', '请公开本局2019年度信访工作情况统计数据', '2020-04-10', 'disclosed', ''],
    [person('刘某军', '370403', '19680921', '015'), '2020-06-08', '请公开市人民来访接待中心的办公地址、接待时间和来访须知', '2020-06-22', 'disclosed', ''],
    [person('孙某梅', '370404', '19820105', '026'), '2020-09-14', '请公开本局关于规范信访事项受理办理程序的工作制度', '2020-10-19', 'disclosed', ''],
    [
      person('王某强', '370481', '19600718', '057'),
      '2020-11-09',
      '要求答复本人信访事项的办理进度并重新出具处理意见',
      '2020-11-27',
      'other_misc',
      '申请人所提要求系对本人信访事项办理进度的查询，已告知其通过信访渠道查询办理情况，按其他情形处理。',
    ],
  ];
  const cases2020: SeedCase[] = y2020.map(([a, rec, desc, close, outcome, reason]) => ({
    agencyId: xfj.id,
    channel: 'in_person',
    applicant: a,
    description: desc,
    submitted: rec,
    events: [received(rec, 'handed_in'), accepted, closed(close, outcome, reason)],
  }));

  // ---- Closed cases of 2025 and 2026, various outcomes; two appealed.
  const later: SeedCase[] = [
    {
      agencyId: xfj.id,
      channel: 'online',
      applicant: person('陈某', '370402', '19880402', '011'),
      description: '请公开2024年度本局政府信息公开工作年度报告所附统计表的原始数据',
      submitted: '2025-03-03',
      events: [received('2025-03-04'), accepted, closed('2025-03-20', 'disclosed')],
    },
    {
      agencyId: xfj.id,
      channel: 'post_signed',
      applicant: person('赵某', '370405', '19710830', '044'),
      description: '请公开某小区拆迁信访事项的全部会议记录',
      submitted: '2025-05-12',
      events: [
        received('2025-05-12', 'signed_for'),
        accepted,
        closed(
          '2025-06-06',
          'withheld_process_info',
          '所申请的会议记录属于行政机关在履行行政管理职能过程中形成的讨论记录，属于过程性信息，依照条例第十六条第二款不予公开。',
        ),
      ],
      appeals: [
        {
          kind: 'reconsideration',
          filed: '2025-07-01',
          result: 'upheld',
          decided: '2025-08-28',
          body: '枣庄市人民政府',
          answerNotice: '2025-07-04',
          answered: '2025-07-15',
        },
      ],
    },
    {
      agencyId: xfj.id,
      channel: 'online',
      applicant: LAW_FIRM,
      applicantType: 'legal_service',
      description: '请公开2025年第三季度全市信访事项办理情况通报',
      submitted: '2025-10-09',
      events: [
        received('2025-10-10'),
        accepted,
        closed('2025-10-31', 'partly_disclosed', '通报中涉及信访人姓名、住址等个人信息的部分，依照条例第十五条不予公开，其余部分予以公开。'),
      ],
    },
    {
      agencyId: xfj.id,
      channel: 'online',
      applicant: person('李某', '370402', '19930615', '078'),
      description: '请提供本人2023年信访件的全部材料复印件',
      submitted: '2025-11-17',
      events: [
        received('2025-11-18'),
        accepted,
        { type: 'correction_requested', date: '2025-11-21', deadline: '2025-12-05', items: '请写明信访件的受理编号或提交日期。' },
        closed('2025-12-08', 'other_no_correction', '申请人无正当理由逾期未补正，视为放弃申请（条例第三十条）。'),
      ],
    },
    {
      agencyId: czj.id,
      channel: 'online',
      applicant: person('周某', '370403', '19790227', '052'),
      description: '请公开2025年市级部门预算中“三公”经费的明细',
      submitted: '2025-06-02',
      events: [received('2025-06-03'), accepted, closed('2025-06-24', 'disclosed')],
    },
    {
      agencyId: czj.id,
      channel: 'in_person',
      applicant: person('吴某', '370402', '19660511', '039'),
      description: '请公开某企业获得的财政补贴资金拨付凭证',
      submitted: '2025-09-15',
      events: [
        received('2025-09-15', 'handed_in'),
        accepted,
        { type: 'consultation_started', consultationId: 'demo-consult-1', kind: 'third_party', party: '枣庄某某科技有限公司（演示）', date: '2025-09-18' },
        { type: 'consultation_answered', consultationId: 'demo-consult-1', date: '2025-09-30', opinion: '不同意公开：涉及商业秘密。' },
        closed('2025-10-24', 'withheld_third_party', '经征求第三方意见，第三方以涉及商业秘密为由不同意公开，依照条例第十五条、第三十二条不予公开。'),
      ],
      appeals: [
        // 行政复议法第二十三条第一款第（四）项: a refusal goes through 复议 first (simplified procedure, 第五十三条), then to court.
        {
          kind: 'reconsideration',
          filed: '2025-11-20',
          result: 'upheld',
          decided: '2026-01-16',
          body: '枣庄市人民政府',
          answerNotice: '2025-11-24',
          simplified: true,
          answered: '2025-11-28',
        },
        { kind: 'litigation_after_reconsideration', filed: '2026-02-10', result: 'pending', body: '枣庄市市中区人民法院' },
      ],
    },
    {
      agencyId: jyj.id,
      channel: 'online',
      applicant: person('郑某', '370481', '19850919', '063'),
      description: '请公开2026年市直学校教师招聘的岗位、名额和录用结果',
      submitted: '2026-03-02',
      events: [received('2026-03-03'), accepted, closed('2026-03-17', 'disclosed')],
    },
    {
      agencyId: xfj.id,
      channel: 'online',
      applicant: person('冯某', '370406', '19900101', '085'),
      description: '请公开关于本人投诉事项的处理结果',
      submitted: '2026-04-13',
      events: [
        received('2026-04-14'),
        accepted,
        closed(
          '2026-04-24',
          'not_processed_petition',
          '申请人以政府信息公开申请的形式进行信访、投诉，依照条例第三十九条第一款不作为政府信息公开申请处理，已告知其通过信访渠道提出。',
        ),
      ],
    },
    {
      agencyId: xfj.id,
      channel: 'fax',
      applicant: person('褚某', '370402', '19770707', '091'),
      description: '请公开2026年上半年全市信访总量及分类统计',
      submitted: '2026-08-03',
      events: [received('2026-08-04'), accepted, closed('2026-08-28', 'unable_not_held', '本机关未制作或获取上述分类统计信息。')],
    },
  ];
  return [...cases2020, ...later];
}
