import type { CapabilitySeeder } from '../platform/capability.js';
import type { PlatformDemo } from '../platform/demo/platform.seed.js';
import { recordAudit, type Actor } from '../platform/audit/audit.js';
import type { AppContext } from '../platform/context.js';
import type { Tx } from '../platform/db/index.js';
import { createHash } from 'node:crypto';
import { newId } from '../platform/ids.js';
import { todayInChina } from '../platform/time.js';
import { builtinCalendar, type Calendar } from '../rules/calendar/index.js';
import { maskName, residentIdCheckChar } from '../rules/identity.js';
import type { OutcomeKey } from '../rules/outcomes.js';
import { identityKeyOf, type ApplicantData } from './application.js';
import { projectionColumns } from './cases.store.js';
import { projectCase, type CaseEventData } from './projection.js';
import type { ApplicantType, CaseTable, Channel } from './requests.schema.js';

/**
 * Demo data of 依申请公开 (all names and numbers fictitious; ID numbers carry valid check digits):
 * - 枣庄市信访局's 2020 applications as its published 2020 report has them: 4 new, all from natural persons,
 *   3 disclosed and 1 其他处理, all closed within 2020, nothing carried over, no appeals. In the 2019 format
 *   used for 2020 the three other_* rows are one row, （六）其他处理; the case is recorded as `other_misc`
 *   (其他), the most plausible leaf for a 2020 信访局 case that was neither abandoned nor unpaid (fees did not
 *   exist before 2021).
 * - Closed 2025 and 2026 cases with various outcomes, two of them appealed.
 * - Open cases as of today in every workbench list: due soon, overdue, awaiting correction, consulting,
 *   extended, awaiting receipt confirmation, awaiting fee.
 * Open cases are dated relative to today so the demo stays realistic whenever it is loaded.
 */

const SEED_ACTOR: Actor = { id: null, name: '演示数据' };

function person(name: string, area: string, birth: string, seq: string, extra: Partial<ApplicantData> = {}): ApplicantData {
  const body = `${area}${birth}${seq}`;
  return {
    kind: 'person',
    name,
    idType: 'resident_id',
    idNumber: body + residentIdCheckChar(body),
    phone: '13900000000',
    email: '',
    address: '山东省枣庄市（演示地址）',
    postcode: '277100',
    ...extra,
  };
}

interface SeedCase {
  agencyId: string;
  channel: Channel;
  applicant: ApplicantData;
  applicantType?: ApplicantType;
  description: string;
  docNumber?: string;
  submitted: string;
  events: CaseEventData[];
  assigneeId?: string | null;
  appeals?: {
    kind: 'reconsideration' | 'litigation_direct' | 'litigation_after_reconsideration';
    filed: string;
    result: 'upheld' | 'corrected' | 'other' | 'pending';
    decided?: string;
    body: string;
    answerNotice?: string;
    simplified?: boolean;
    answered?: string;
  }[];
}

let counter = 0;

async function writeCase(tx: Tx, ctx: AppContext, cal: Calendar, s: SeedCase): Promise<string> {
  const id = newId();
  counter += 1;
  const year = s.submitted.slice(0, 4);
  const trackingCode = `${year}-DEMO-${String(counter).padStart(4, '0')}`;
  const events: CaseEventData[] = [{ type: 'submitted', channel: s.channel, date: s.submitted }, ...s.events];
  const at = (d: string) => `${d}T02:00:00.000Z`;
  const dateOf = (e: CaseEventData) => ('date' in e && typeof e.date === 'string' ? e.date : s.submitted);
  const ledger = events.map((data, i) => ({ seq: i + 1, at: at(dateOf(data)), actor: SEED_ACTOR.name, data }));
  const proj = projectCase(ledger, cal);
  const a = s.applicant;
  const row: CaseTable = {
    id,
    agency_id: s.agencyId,
    tracking_code: trackingCode,
    // Demo secret of every seeded case: DEMO + counter (shown in the lookup tests and the README of the demo).
    secret_hash: createHash('sha256')
      .update(`gk-case:DEMO${String(counter).padStart(6, '0')}`)
      .digest('hex'),
    channel: s.channel,
    applicant_type: s.applicantType ?? (a.kind === 'person' ? 'natural_person' : 'other'),
    ...projectionColumns(proj),
    assignee_id: s.assigneeId ?? null,
    version: 1,
    created_at: at(s.submitted),
    updated_at: at(dateOf(events[events.length - 1])),
    submitted_at: at(s.submitted),
    applicant_enc: ctx.cipher.encrypt(JSON.stringify(a)),
    applicant_masked: a.kind === 'person' ? maskName(a.name) : a.name,
    applicant_key: ctx.cipher.blindIndex(identityKeyOf(a)),
    applicant_name_key: ctx.cipher.blindIndex(a.name),
    description: s.description,
    doc_number_requested: s.docNumber ?? null,
    form: 'electronic',
    delivery: 'email',
    form_token: null,
    transferred_from_id: null,
    flags: '[]',
  };
  await tx.insertInto('cases').values(row).execute();
  for (const [i, e] of ledger.entries()) {
    const { type, ...data } = e.data;
    await tx
      .insertInto('case_events')
      .values({
        id: newId(),
        case_id: id,
        agency_id: s.agencyId,
        seq: i + 1,
        at: e.at,
        actor: SEED_ACTOR.name,
        actor_id: null,
        type,
        data: JSON.stringify(data),
      })
      .execute();
  }
  for (const ap of s.appeals ?? []) {
    await tx
      .insertInto('appeals')
      .values({
        id: newId(),
        agency_id: s.agencyId,
        case_id: id,
        kind: ap.kind,
        filed_date: ap.filed,
        result: ap.result,
        decided_date: ap.decided ?? null,
        body: ap.body,
        note: '演示数据',
        answer_notice_date: ap.answerNotice ?? null,
        simplified: ap.simplified ? 1 : 0,
        answered_date: ap.answered ?? null,
        version: 1,
        created_at: at(ap.filed),
        updated_at: at(ap.decided ?? ap.filed),
      })
      .execute();
  }
  await recordAudit(tx, SEED_ACTOR, { action: 'case.seeded', entityType: 'case', entityId: id, agencyId: s.agencyId, detail: { trackingCode } });
  return id;
}

const received = (date: string, how: 'handed_in' | 'signed_for' | 'confirmed' = 'confirmed'): CaseEventData => ({ type: 'received', date, how });
const accepted: CaseEventData = { type: 'accepted' };
const closed = (date: string, outcome: OutcomeKey, reason = ''): CaseEventData => ({ type: 'closed', date, outcome, reason });

export async function seedRequests(tx: Tx, ctx: AppContext, demo: PlatformDemo): Promise<void> {
  const cal = builtinCalendar();
  counter = 0;
  const { xfj, czj, jyj, zrzy, government } = demo.agencies;
  const users = await tx.selectFrom('users').select(['id', 'username']).execute();
  const uid = (u: string) => users.find((x) => x.username === u)?.id ?? null;
  const w = (from: string, n: number) => cal.addWorkingDays(from, n);

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
  for (const [a, rec, desc, close, outcome, reason] of y2020) {
    await writeCase(tx, ctx, cal, {
      agencyId: xfj.id,
      channel: 'in_person',
      applicant: a,
      description: desc,
      submitted: rec,
      events: [received(rec, 'handed_in'), accepted, closed(close, outcome, reason)],
    });
  }

  // ---- Closed cases of 2025 and 2026, various outcomes; two appealed.
  const lawFirm: ApplicantData = {
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
  const closedCases: SeedCase[] = [
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
      applicant: lawFirm,
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
  for (const c of closedCases) await writeCase(tx, ctx, cal, c);

  // ---- Open cases as of today.
  const today = todayInChina();
  const back = (n: number) => w(today, -n);
  const clerk = uid('xfj.clerk');
  const clerk2 = uid('xfj.clerk2');
  const open: SeedCase[] = [
    // due within 3 working days: received 18 working days ago
    {
      agencyId: xfj.id,
      channel: 'online',
      applicant: person('卫某', '370402', '19810423', '018'),
      description: '请公开本局2026年度部门预算及“三公”经费预算',
      submitted: back(19),
      assigneeId: clerk,
      events: [received(back(18)), accepted],
    },
    {
      agencyId: xfj.id,
      channel: 'in_person',
      applicant: person('蒋某', '370403', '19750606', '027'),
      description: '请公开市人民来访接待中心2026年接待来访人次统计',
      submitted: back(19),
      assigneeId: clerk2,
      events: [received(back(19), 'handed_in'), accepted],
    },
    // overdue: received 23 working days ago, never answered
    {
      agencyId: xfj.id,
      channel: 'post_signed',
      applicant: person('沈某', '370404', '19690912', '033'),
      description: '请公开2025年度信访事项复查复核工作情况',
      submitted: back(23),
      assigneeId: clerk,
      events: [received(back(23), 'signed_for'), accepted],
    },
    // awaiting correction
    {
      agencyId: xfj.id,
      channel: 'online',
      applicant: person('韩某', '370405', '19950228', '046'),
      description: '请公开有关文件',
      submitted: back(4),
      assigneeId: clerk2,
      events: [
        received(back(3)),
        accepted,
        { type: 'correction_requested', date: back(1), deadline: w(today, 10), items: '请写明所需文件的名称、文号或者其他能够确定该文件的特征描述。' },
      ],
    },
    // consulting another agency
    {
      agencyId: xfj.id,
      channel: 'online',
      applicant: lawFirm,
      applicantType: 'legal_service',
      description: '请公开市信访局与市财政局联合印发的信访救助资金管理办法',
      submitted: back(9),
      assigneeId: clerk,
      events: [
        received(back(8)),
        accepted,
        { type: 'consultation_started', consultationId: 'demo-consult-2', kind: 'agency', party: '枣庄市财政局', date: back(5) },
      ],
    },
    // extended
    {
      agencyId: xfj.id,
      channel: 'online',
      applicant: person('杨某', '370481', '19620314', '059'),
      description: '请公开2021年至2025年历年信访事项办理满意率统计',
      submitted: back(22),
      assigneeId: clerk2,
      events: [
        received(back(21)),
        accepted,
        { type: 'extended', date: back(3), approvedBy: '张建国（办公室主任）', reason: '涉及5个年度的数据，需要从档案中调取汇总。' },
      ],
    },
    // the 7-working-day window for a correction request closes tomorrow (received 6 working days ago)
    {
      agencyId: xfj.id,
      channel: 'in_person',
      applicant: person('孔某', '370404', '19890312', '047'),
      description: '请公开关于信访事项的相关材料',
      submitted: back(6),
      assigneeId: clerk,
      events: [received(back(6), 'handed_in'), accepted],
    },
    // awaiting receipt confirmation (online, submitted today)
    {
      agencyId: xfj.id,
      channel: 'online',
      applicant: person('朱某', '370402', '19880808', '062'),
      description: '请公开本局办理政府信息公开申请的工作制度',
      submitted: today,
      events: [],
    },
    // other agencies
    {
      agencyId: czj.id,
      channel: 'online',
      applicant: person('秦某', '370403', '19730101', '075'),
      description: '请公开2026年市级预算调整方案',
      submitted: back(6),
      assigneeId: uid('czj.clerk'),
      events: [received(back(5)), accepted],
    },
    {
      agencyId: czj.id,
      channel: 'online',
      applicant: person('尤某', '370404', '19910521', '088'),
      description: '请公开某专项资金2025年度绩效评价报告全文',
      submitted: back(12),
      assigneeId: uid('czj.clerk'),
      events: [
        received(back(11)),
        accepted,
        { type: 'fee_notified', date: back(2), amount: 700, method: 'per_page', detail: '按量计收：所需信息共100页，第31至100页：70页 × 10元/页 = 700元' },
      ],
    },
    {
      agencyId: jyj.id,
      channel: 'in_person',
      applicant: person('许某', '370402', '19840909', '094'),
      description: '请公开2026年中小学招生划片范围',
      submitted: back(2),
      assigneeId: uid('jyj.clerk'),
      events: [received(back(2), 'handed_in')],
    },
    {
      agencyId: zrzy.id,
      channel: 'post_ordinary',
      applicant: person('何某', '370405', '19700202', '013'),
      description: '请公开某地块的土地征收批复文件',
      submitted: back(1),
      events: [],
    },
    {
      agencyId: government.id,
      channel: 'online',
      applicant: person('吕某', '370406', '19860606', '021'),
      description: '请公开市政府2026年第10次常务会议纪要',
      submitted: back(10),
      events: [received(back(9)), accepted],
    },
  ];
  for (const c of open) await writeCase(tx, ctx, cal, c);
}

/** Demo data of the requests capability. */
export const requestsSeeder: CapabilitySeeder = { name: 'requests', seed: seedRequests };
