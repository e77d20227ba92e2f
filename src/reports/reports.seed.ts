import type { CapabilitySeeder } from '../platform/capability.js';
import type { Principal } from '../platform/auth/permissions.js';
import type { DbOrTx } from '../platform/db/index.js';
import * as service from './reports.service.js';
import { parseNarrative, type Narrative } from './reports.narrative.js';
import { principalOfUser } from '../platform/auth/principal.js';

/**
 * Demo data of the reports capability: 枣庄市信访局's 2020 report, built from the demo records and published
 * through the real review chain, its text reproducing the published report of ../shared/seed/ — except that
 * the figure of applications is bound to the table, so it says 4 where the original said 3. Also its 2025
 * report (2021 format) from the generated first draft, completed and published on time in January 2026, so
 * that the supervising office's summary shows one agency on time and the others not.
 */

const SEED_NARRATIVE: Narrative = {
  preamble:
    '本报告按照《中华人民共和国政府信息公开条例》（以下简称《条例》）和《山东省政府信息公开办法》（以下简称《办法》）规定，由{{agency}}编制，面向社会公开发布。全文内容包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六个部分。报告中所列数据的统计期限为{{year}}年1月1日至12月31日。如对本报告有任何疑问，请联系枣庄市信访局办公室（电话：0632-3314043；电子邮箱：zzxfbgs@zz.shandong.cn）。',
  overview: [
    '{{year}}年，我局认真贯彻《条例》《办法》和《枣庄市人民政府办公室关于印发2020年枣庄市政务公开工作要点的通知》（枣政办发〔2020〕27号）要求，在市委市政府的坚强领导和市政务公开办的指导下，遵循依法准确、及时、有效、便民的原则，深入推进政府网站政府信息公开专栏建设，充实调整政府信息公开指南，准确及时发布政府信息公开工作年度报告，动态更新法定主动公开内容，着力研究解决工作中的困难和问题，信息公开工作的积极性、主动性不断提高，信息公开的广度和深度不断增强，工作透明度进一步提高，政务公开工作取得了良好成效。',
    '（一）主动公开情况',
    '市信访局严格按照《政府信息公开条例》关于主动公开工作的要求，将“五公开”落实到办文办会程序。局机关拟制公文时，明确主动公开、依申请公开、不予公开等属性，随公文一并报批，政策文件制定时相关的政策解读材料同步起草、同步审签、同步部署、同步发布公开。推动会议开放、重大决策预公开，在决策前向社会公布决策草案、决策依据，广泛听取公众意见。根据工作需要，市信访局主要通过市政府门户网站政务公开专栏、市信访局门户网站和“枣庄信访”微信公众号、“枣庄信访”今日头条号主动公开政务信息。截止2020年12月31日，在市政府网站信息公开专栏公开信息44条，在部门网站公开信息191条，在“枣庄信访”微信公众号、今日头条号上公开信息164条。',
    '1.机构职能情况。机构改革完成后，根据《中华人民共和国政府信息公开条例》第三章第二十条第（二）款规定，通过市政府门户网站政务公开专栏及时公开了机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名等信息。根据领导班子成员调整分工情况，及时公开了班子成员任务分工。',
    '2.财政预决算情况。市信访局着力加强重点领域信息主动公开，根据《中华人民共和国政府信息公开条例》第三章第二十条第（七）款要求，坚持“公开是原则，不公开是例外”的要求，确保应公开尽公开，及时通过市政府网站信息公开专栏发布部门财政预算、决算及情况说明等重点领域信息，确保信息公开透明。',
    '3.业务工作情况。加大业务公开力度，对日常重要工作信息、业务动态、活动安排等及时公开，对基层信访工作动态和先进经验做法及时公开宣传，推动全市信访工作水平不断提高。',
    '4.公开决策情况。加大部门会议公开力度，对局党组研究的重要事项及时公开，年内共公开10次，并对会议内容进行深入解读。',
    '5.其他工作情况。及时公开市信访局承担的重点工作任务和《政府工作报告》确定事项办理进度，每季度公开一次，明确进展成效和下步举措。积极做好积案化解、领导接访、干部培训等政务信息公开，确保公众及时掌握信访工作动态。组织开展人民建议征集、信访条例宣传周和宪法宣传月活动，营造依法信访氛围。',
    '（二）依申请公开情况',
    '{{year}}年，市信访局共收到政府信息公开申请{{requests.new.total}}件，全部按照要求按期给予规范性告知，保障了申请人的知情权和监督权。',
    '（三）政府信息管理情况',
    '一是加强组织领导，优化工作体制。发挥政务公开工作领导小组作用，切实加强对政府信息公开的领导。及时组织干部学习《中华人民共和国政府信息公开条例》《山东省政府信息公开办法》以及有关规定，制定了培训计划，及时组织落实。积极参加省信访局和市政府办公室组织的政务公开培训，及时传达会议精神，确保政务公开工作做好做细。',
    '二是规范工作程序，落实保密要求。按照《条例》和市政府有关工作要求，制定《枣庄市信访局信息公开指南》，规范公开信息工作的程序，使我局政府信息公开工作有据可依、有章可循。推进基层政务公开标准化规范化建设，严格规范公开程序。严格按照“谁主管、谁公开”、“谁公开、谁审查”、“谁审查、谁负责”和“先审查、后公开”的要求，加强对拟公开信息的保密审查，规范完善了保密审查流程与分工，信息公开前，需经办公室主任、分管领导审批、主要负责人审查确定后按“三审”制公开。',
    '三是完善管理机制，提高公开水平。根据《条例》要求，进一步建立健全政府信息主动公开制度、依申请公开制度、政府信息公开保密审查制度、信息公开工作责任追究制度等各类制度。通过完善工作机制，构建信息平台，保障了部门信息公开工作依法、及时、准确、有序地开展，为社会提供了便捷的信息公开服务。',
    '（四）平台建设情况',
    '一是优化政务公开专栏。根据市政府办公室要求，对平台目录进行了优化调整，确保信息发布准确。严格落实网络意识形态责任制，加强政府信息发布审核，把好政治关、政策关、文字关。',
    '二是完善新媒体平台。用好“枣庄信访”公众号、今日头条号等平台及时公开政务信息。加强与宣传、网信等部门以及新闻媒体的沟通联系，充分运用广播、电视、报纸、新闻网站等各级各类新闻媒体资源，做好政务公开工作。加强政民互动，在市信访局网站、“枣庄信访”微信公众号开设网上信访受理平台链接，为群众反映信访诉求提高便捷通道。',
    '三是改造接访场所平台。对市级候访场所进行改造，划设安检区、导访区、登记区、自助区、候访区、接谈区6个功能区，形成集联合接访、调解听证、视频接访、网上信访、会商研判等业务于一体的综合性来访接待中心。将信访法规政策、来访接待处理流程等印成明白纸，摆放在窗口显著位置，方便来访群众随时取用；设置网上信访自助系统，方便群众自助信访。通过接访大厅LED大屏滚动播放依法信访宣传片、违法信访警示案例，让群众一站式了解信访法规，引导群众理性维权、依法维权。',
    '（五）监督保障情况',
    '一是加强组织领导。成立了政府信息公开工作领导小组，并配备了专职和兼职工作人员各1名。由局分管负责人具体指导、监督全局信息公开工作，各科室按职责要求分工落实政府信息公开各项工作，办公室负责政务公开日常工作。各科室严格按照政务公开工作要求，明确专人负责，做到了分工具体、责任明确，确保了政务公开工作落到实处。',
    '二是加强干部培训。将《中华人民共和国政府信息公开条例》纳入培训计划，通过学习、考核和讨论，提高工作人员履行职责过程中公开政府信息的自觉性。按照“统一要求，自行组织”的原则，在全局集中培训的前提下，由各科室自行组织相应的业务培训，加强对政务公开的内容、程序、方式、时间及监督管理等工作的培训，使政务公开做到有制可循、有制可依、依制办事、违制必究。',
    '三是强化监督评价。对中共中央办公厅、国务院办公厅《关于全面推进政务公开工作的意见》及其实施细则安排部署的各项工作进行“回头看”，逐项对照自查落实情况。将公开情况作为绩效考核评价的重要内容，工作落实不到位的予以通报批评；对违反信息公开条例、不履行公开义务的，依法规追究责任。',
  ].join('\n'),
  proactive: '',
  requests: '',
  appeals: '',
  problems: [
    '{{year}}年，我局政府信息公开工作虽取得了一定成绩，但也还存在一些问题：如，部分栏目内容不够丰富；信息更新还不够及时高效；政府信息公开人员的业务水平、公开意识还需进一步提高；公开内容不具体，重点不突出，与群众需求还有差距；公开形式的便民性不足、覆盖面不广；主动公开工作的日常化、常态化有待进一步加强等。结合以上不足，我局将采取以下措施完善信息公开工作：',
    '（一）提高公开意识，建立长效机制。定期召开专题会议安排部署政务公开工作，认真制定本单位《政务公开年度工作要点》，将政务公开工作作为一项长期化、日常化和制度化的工作，严格按照市政务公开办工作要求，进一步统一思想，深化认识，确保组织到位、措施到位、责任到位。',
    '（二）严格规范程序，强化流程管理。严格规范信息的收集、编制、审查、发布、监管等各环节程序，明确有关信息发布的职责分工，加强监督管理，并建立健全考核制度和责任追究制度，避免互相推诿、遗漏信息等情况的发生。',
    '（三）丰富公开内容，创新公开形式。确保法定公开内容的及时性、准确性，拓宽主动公开范围，充分发挥微信公众号、今日头条号、抖音号等政务新媒体优势，以群众喜闻乐见的形式广泛发布丰富多样的信息内容，统筹推进政务新媒体与政府网站的协同联动、融合发展。',
    '（四）加大教育培训，提升业务水平。加强业务培训，科学化制定培训计划，突出培训课程的针对性和指导性，同时拓宽培训范围，把区（市）、镇街负责政务公开工作人员纳入年度政务公开培训范围，提升全市信访系统政务公开业务规范化水平，促进政府信息公开工作深入开展。',
  ].join('\n'),
  other: '{{year}}年，{{agency}}未收到人大代表建议、政协委员提案。',
};

/** The date the seed report was signed and published (it says 2021年1月22日). */
const SEED_DATE = '2021-01-22';

/** What the 信访局 wrote where the generated 2025 draft left 【待补充：…】. */
const FILL_2025: Record<string, string> = {
  全年工作概述: '围绕信访工作中心任务，持续推进政务公开标准化规范化建设，主动公开、依申请公开和政策解读工作平稳有序。',
  '保密审查、信息发布审核、政策文件管理等情况': '严格执行办公室主任、分管领导、主要负责人“三审”制和保密审查制度，行政规范性文件统一登记、统一编号、统一发布。',
  '政府信息公开专栏、政务新媒体等平台建设情况': '政府信息公开专栏按统一目录规范运行，“枣庄信访”微信公众号、今日头条号同步发布政务信息。',
  '组织领导、培训、考核评议等情况': '将政务公开纳入年度绩效考核，组织全局工作人员参加《条例》专题培训2次。',
  存在的主要问题: '部分栏目更新不够及时，政策解读形式较为单一',
  改进措施: '建立栏目更新台账，按月检查；丰富图解、问答等解读形式',
  '收取信息处理费的情况，未收取的写明“未收取信息处理费”': '未收取信息处理费',
  其他需要报告的事项: '无其他需要报告的事项',
};

const principalOf = (db: DbOrTx, username: string): Promise<Principal> => principalOfUser(db, username, 'demo-seed');

async function publishAs(tx: DbOrTx, id: string, revision: number, at: string) {
  for (const username of ['xfj.head', 'xfj.deputy', 'xfj.principal']) {
    await service.signOff(tx, await principalOf(tx, username), id, { revision, opinion: '同意。' });
  }
  await service.publish(tx, await principalOf(tx, 'xfj.clerk'), id, { revision });
  // The demo reproduces reports published on time in January, not on the day the demo was loaded.
  await tx.updateTable('annual_report_versions').set({ published_at: at }).where('report_id', '=', id).execute();
  await tx.updateTable('annual_reports').set({ first_published_at: at, last_published_at: at }).where('id', '=', id).execute();
  // The sign-offs of the review chain belong to the same January day, an hour apart before publication.
  const signoffs = await tx.selectFrom('annual_report_signoffs').select(['id', 'stage']).where('report_id', '=', id).orderBy('signed_at').execute();
  const day = at.slice(0, 10);
  for (const [i, s] of signoffs.entries()) {
    await tx
      .updateTable('annual_report_signoffs')
      .set({ signed_at: `${day}T01:${String(i * 15).padStart(2, '0')}:00.000Z` })
      .where('id', '=', s.id)
      .execute();
  }
}

export const reportsSeeder: CapabilitySeeder = {
  name: 'reports',
  seed: async (tx, _ctx, demo) => {
    await seed2020(tx, demo.xfj.id);
    const clerk = await principalOf(tx, 'xfj.clerk');
    const { id } = await service.createDraft(tx, clerk, { year: 2025, agencyId: demo.xfj.id });
    const row = await tx.selectFrom('annual_reports').select(['narrative', 'revision']).where('id', '=', id).executeTakeFirstOrThrow();
    const draft = parseNarrative(row.narrative);
    const filled = Object.fromEntries(
      Object.entries(draft).map(([k, v]) => [k, v.replace(/【待补充[：:]([^】]*)】/g, (_m, label: string) => FILL_2025[label] ?? label)]),
    ) as Narrative;
    const { revision } = await service.updateNarrative(tx, clerk, id, { revision: row.revision, narrative: filled, signedDate: '2026-01-20' });
    await publishAs(tx, id, revision, '2026-01-20T02:00:00.000Z');
  },
};

async function seed2020(tx: DbOrTx, xfjId: string) {
  {
    const clerk = await principalOf(tx, 'xfj.clerk');
    const { id } = await service.createDraft(tx, clerk, { year: 2020, agencyId: xfjId });
    const { revision } = await service.updateNarrative(tx, clerk, id, { revision: 1, narrative: SEED_NARRATIVE, signedDate: SEED_DATE });
    await publishAs(tx, id, revision, `${SEED_DATE}T02:00:00.000Z`);
  }
}
