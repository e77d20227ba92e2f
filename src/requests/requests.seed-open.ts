/** The demo's open cases, dated back from today so that every workbench list has some whenever the demo is loaded. */
import type { PlatformDemo } from '../platform/demo/platform.seed.js';
import type { Calendar } from '../rules/calendar/index.js';
import { LAW_FIRM } from './requests.seed-closed.js';
import { accepted, person, received, type SeedCase } from './requests.seed-writer.js';

/** Open cases as of `today`; `uid` finds a demo account's id by its username. */
export function openDemoCases(agencies: PlatformDemo['agencies'], cal: Calendar, today: string, uid: (username: string) => string | null): SeedCase[] {
  const { xfj, czj, jyj, zrzy, government } = agencies;
  const w = (from: string, n: number) => cal.addWorkingDays(from, n);
  const back = (n: number) => w(today, -n);
  const clerk = uid('xfj.clerk');
  const clerk2 = uid('xfj.clerk2');
  return [
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
      applicant: LAW_FIRM,
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
}
