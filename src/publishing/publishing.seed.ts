import type { CapabilitySeeder } from '../platform/capability.js';
import type { AppContext } from '../platform/context.js';
import type { Tx } from '../platform/db/index.js';
import type { Agency } from '../platform/org/agencies.service.js';
import { SYSTEM_ACTOR, type Actor } from '../platform/audit/audit.js';
import { newId } from '../platform/ids.js';
import { ensureCatalogue } from './catalogue.service.js';
import { CONFIDENTIALITY_CHECKLIST, contentHash } from './review.js';
import { publishInTx } from './items.service.js';
import { withdrawDemoItem } from './publishing.seed-helpers.js';
import { plainText, sanitizeBody } from './sanitize.js';
import type { ItemKind, ItemStatus, PubItemTable } from './publishing.schema.js';

/**
 * Demo data of proactive disclosure for 枣庄市信访局, matching its 2020 annual report: 44 items in the
 * government site's column (10 of them meeting disclosures), 191 releases on the department website, 164
 * on the WeChat account mirrored to the Toutiao account (channel log); the Art. 20 registers are empty in
 * 2020, as the report's table 2 says. Plus today's (2026) content: a normative document released with its
 * interpretation, an open consultation with comments, a draft in review, a withdrawn item; and a little
 * content for sibling agencies. Titles come from templates modelled on real items of such columns.
 */

interface SeedItem {
  column: string;
  kind?: ItemKind;
  title: string;
  date: string;
  summary?: string;
  body?: string;
  docNumber?: string;
  policyOf?: string;
  commentOpens?: string;
  commentCloses?: string;
  feedback?: string;
}

const para = (...ps: string[]) => ps.map((p) => `<p>${p}</p>`).join('');

const MEETING_TOPICS = [
  '传达学习全国信访工作会议精神',
  '研究部署信访积案化解攻坚行动',
  '研究2020年度部门预算执行情况',
  '研究部署“信访条例宣传周”活动',
  '研究人民建议征集工作',
  '传达学习省委信访工作会议精神',
  '研究部署疫情防控期间信访工作',
  '研究市级领导干部接访下访安排',
  '研究政务公开和政府信息公开工作',
  '研究部署年终考核和2021年工作思路',
];

function items2020(): SeedItem[] {
  const out: SeedItem[] = [];
  const rules = ['政府信息主动公开制度', '政府信息依申请公开工作制度', '政府信息公开保密审查制度', '政府信息公开工作责任追究制度'];
  rules.forEach((r, i) =>
    out.push({
      column: 'zd',
      title: `枣庄市信访局${r}`,
      date: `2020-03-${String(10 + i).padStart(2, '0')}`,
      body: para(
        `第一条 为规范本局${r.replace('制度', '')}工作，根据《中华人民共和国政府信息公开条例》和《山东省政府信息公开办法》，结合工作实际，制定本制度。`,
        '第二条 本局办公室是政府信息公开工作机构，负责组织、协调、指导和监督本局政府信息公开工作。',
        '第三条 拟公开的政府信息，须经办公室主任初审、分管领导复审、主要负责人终审后公开（“三审”制）。',
        '第四条 本制度自印发之日起施行。',
      ),
    }),
  );
  out.push({
    column: 'jgzn',
    title: '枣庄市信访局机构职能',
    date: '2020-01-15',
    summary: '机关职能、内设机构、办公地址、办公时间、联系方式。',
    body: para(
      '主要职责：贯彻落实党中央关于信访工作的方针政策和决策部署，受理、交办、转送人民群众来信来访，协调处理重要信访问题，督查督办信访事项办理……',
      '内设机构：办公室、综合科、督查科、复查复核科、网上信访科、人民建议征集办公室。',
      '办公地址：枣庄市薛城区。办公时间：工作日上午8:30—12:00，下午13:30—17:30。联系电话：0632-3314043。',
    ),
  });
  out.push({
    column: 'jgzn',
    title: '枣庄市信访局领导班子成员及分工',
    date: '2020-06-02',
    body: para('局长：主持局全面工作。', '副局长：负责督查督办、复查复核、网上信访工作，分管办公室（政务公开）。'),
  });
  out.push({
    column: 'czyjs',
    title: '枣庄市信访局2020年部门预算公开',
    date: '2020-01-21',
    summary: '2020年部门收支预算总表、财政拨款收支预算表及情况说明。',
    body: para(
      '根据《中华人民共和国预算法》和市财政局关于部门预算公开的要求，现将枣庄市信访局2020年部门预算公开如下。',
      '一、部门基本情况。二、收支预算总体情况：2020年收入预算、支出预算均为一般公共预算拨款。三、“三公”经费预算情况说明。四、其他重要事项的情况说明。',
    ),
  });
  out.push({
    column: 'czyjs',
    title: '枣庄市信访局2019年部门决算公开',
    date: '2020-09-08',
    body: para(
      '现将枣庄市信访局2019年部门决算公开如下：一、部门基本情况；二、收入支出决算总体情况说明；三、财政拨款支出决算情况说明；四、“三公”经费决算情况说明。',
    ),
  });
  out.push({
    column: 'czyjs',
    title: '枣庄市信访局2020年“三公”经费预算情况说明',
    date: '2020-01-21',
    body: para('2020年“三公”经费预算较上年减少，主要原因是厉行节约、压减公务接待支出。'),
  });
  out.push({
    column: 'czyjs',
    title: '枣庄市信访局2019年“三公”经费决算情况说明',
    date: '2020-09-08',
    body: para('2019年“三公”经费决算支出低于预算，其中公务用车运行维护费、公务接待费均有下降。'),
  });
  out.push({
    column: 'ghjh',
    title: '枣庄市信访局2020年工作要点',
    date: '2020-02-20',
    body: para('2020年全市信访工作的总体要求是：坚持以人民为中心，深入推进信访工作制度改革，扎实开展信访积案化解攻坚，提升信访工作法治化水平。'),
  });
  out.push({
    column: 'ghjh',
    title: '枣庄市信访局2020年政务公开工作要点',
    date: '2020-04-16',
    body: para(
      '根据《枣庄市人民政府办公室关于印发2020年枣庄市政务公开工作要点的通知》（枣政办发〔2020〕27号），结合我局实际，制定本工作要点。',
      '一、深化重点领域信息公开；二、加强政策解读和回应关切；三、推进基层政务公开标准化规范化；四、强化政务公开平台建设。',
    ),
  });
  out.push({
    column: 'ghjh',
    title: '枣庄市信访局2019年工作总结和2020年工作打算',
    date: '2020-01-10',
    body: para('2019年，全市信访部门紧紧围绕市委市政府中心工作，信访形势总体平稳。2020年将重点抓好信访积案化解和网上信访工作。'),
  });
  out.push({
    column: 'ghjh',
    title: '枣庄市信访局2020年上半年工作总结',
    date: '2020-07-13',
    body: para('上半年，全市信访系统统筹做好疫情防控和信访工作，信访总量同比下降。'),
  });
  out.push({
    column: 'jyta',
    title: '对市十七届人大四次会议第0123号建议的答复',
    date: '2020-07-28',
    body: para('您提出的关于进一步畅通网上信访渠道的建议收悉，现答复如下……'),
  });
  out.push({
    column: 'jyta',
    title: '对市政协十五届四次会议第0156号提案的答复',
    date: '2020-08-05',
    body: para('您提出的关于加强信访矛盾源头化解的提案收悉，现答复如下……'),
  });
  MEETING_TOPICS.forEach((t, i) =>
    out.push({
      column: 'hygk',
      kind: 'meeting',
      title: `市信访局召开局党组会议${t}`,
      date: `2020-${String(i + 2).padStart(2, '0')}-${String(8 + (i % 3) * 7).padStart(2, '0')}`,
      body: para(
        `近日，市信访局召开局党组会议，${t}。会议指出，要坚持以人民为中心的发展思想，把信访工作作为了解民情、集中民智、维护民利、凝聚民心的重要工作。`,
        '会议决定：一、明确责任分工；二、细化工作措施；三、加强督查督办。会议内容解读：本次会议决定事项涉及群众切身利益的，将及时向社会公开办理进展。',
      ),
    }),
  );
  for (let q = 1; q <= 4; q++)
    out.push({
      column: 'tzgg',
      title: `枣庄市信访局2020年第${'一二三四'[q - 1]}季度重点工作任务落实情况`,
      date: `2020-${String(q * 3 + 1 > 12 ? 12 : q * 3 + 1).padStart(2, '0')}-10`,
      body: para('按照市政府工作部署，现将本季度承担的重点工作任务和《政府工作报告》确定事项办理进度公开如下：进展成效、存在问题、下步举措。'),
    });
  for (let q = 1; q <= 4; q++)
    out.push({
      column: 'tzgg',
      title: `2020年第${'一二三四'[q - 1]}季度市级领导干部公开接访安排`,
      date: `2020-${String((q - 1) * 3 + 1).padStart(2, '0')}-05`,
      body: para('为进一步畅通群众诉求表达渠道，现将本季度市级领导干部公开接访时间安排公告如下。接访地点：枣庄市人民来访接待中心。'),
    });
  out.push({
    column: 'tzgg',
    title: '关于开展2020年信访条例宣传周活动的通知',
    date: '2020-04-24',
    body: para('各区（市）信访局、市直有关部门：为深入宣传《信访条例》，引导群众依法理性表达诉求，定于5月1日至7日开展信访条例宣传周活动。'),
  });
  out.push({
    column: 'tzgg',
    title: '关于开展“宪法宣传月”活动的通知',
    date: '2020-11-20',
    body: para('为深入学习宣传贯彻宪法，定于12月开展“宪法宣传月”活动。'),
  });
  out.push({
    column: 'tzgg',
    title: '枣庄市人民建议征集公告',
    date: '2020-05-18',
    body: para('为广泛集中民智，现面向社会公开征集人民建议。征集范围：经济社会发展、民生改善、社会治理等方面的意见建议。'),
  });
  out.push({
    column: 'tzgg',
    title: '关于2020年春节期间信访工作安排的通知',
    date: '2020-01-16',
    body: para('春节期间，网上信访平台正常受理，来访接待中心安排值班。'),
  });
  out.push({
    column: 'tzgg',
    title: '关于2020年国庆节中秋节期间信访工作安排的通知',
    date: '2020-09-25',
    body: para('国庆节、中秋节期间，网上信访平台正常受理。'),
  });
  out.push({
    column: 'tzgg',
    title: '枣庄市信访局网上信访受理平台使用指南',
    date: '2020-06-15',
    body: para('群众可通过市信访局网站、“枣庄信访”微信公众号进入网上信访受理平台，提交信访事项并查询办理进度。'),
  });
  out.push({
    column: 'rsxx',
    title: '枣庄市信访局关于干部任职前公示的公告',
    date: '2020-08-20',
    body: para('根据干部选拔任用有关规定，现将拟任职干部情况予以公示，公示期5个工作日。'),
  });
  out.push({ column: 'rsxx', title: '枣庄市信访局2020年公开遴选公务员公告', date: '2020-05-06', body: para('根据工作需要，面向全市公开遴选公务员2名。') });
  out.push({
    column: 'tjxx',
    title: '2020年上半年全市信访形势统计分析',
    date: '2020-07-20',
    body: para('上半年，全市信访总量同比下降，网上信访占比上升，初信初访及时受理率保持100%。'),
  });
  out.push({
    column: 'jcygk',
    kind: 'consultation',
    title: '关于《枣庄市信访事项听证办法（征求意见稿）》公开征求意见的公告',
    date: '2020-10-09',
    commentOpens: '2020-10-10',
    commentCloses: '2020-11-09',
    body: para('为提高信访事项办理的公开性和公信力，我局起草了《枣庄市信访事项听证办法（征求意见稿）》，现向社会公开征求意见。'),
    feedback: para('征求意见期间共收到意见建议6条，采纳4条。未采纳的2条主要涉及听证费用承担，因与上位法规定不一致未予采纳。'),
  });
  return out;
}

const WEB_TOPICS = [
  '召开全市信访工作联席会议',
  '开展“领导干部接访下访”活动',
  '推进信访积案化解攻坚',
  '组织开展信访业务培训',
  '开展信访条例宣传进社区活动',
  '召开信访形势分析会',
  '深入基层调研信访工作',
  '督导检查区（市）信访工作',
  '开展“人民建议征集”宣传活动',
  '推进网上信访工作',
  '召开疫情防控期间信访工作调度会',
  '开展“宪法宣传月”活动',
];
const DISTRICTS = ['市中区', '薛城区', '峄城区', '台儿庄区', '山亭区', '滕州市'];

function channelRows(agencyId: string) {
  const rows: {
    id: string;
    agency_id: string;
    item_id: null;
    channel: 'website' | 'wechat' | 'toutiao';
    title: string;
    url: string;
    published_on: string;
    created_at: string;
  }[] = [];
  const now = new Date().toISOString();
  const day = (i: number, n: number) => {
    const d = new Date(Date.UTC(2020, 0, 2) + Math.floor((i * 363) / n) * 86_400_000);
    return d.toISOString().slice(0, 10);
  };
  for (let i = 0; i < 191; i++) {
    const t = i % 3 === 0 ? `${DISTRICTS[i % 6]}信访局${WEB_TOPICS[i % 12].replace(/^召开全市/, '召开')}` : `市信访局${WEB_TOPICS[i % 12]}`;
    rows.push({
      id: newId(),
      agency_id: agencyId,
      item_id: null,
      channel: 'website',
      title: t,
      url: `http://xfj.zaozhuang.gov.cn/xwzx/gzdt/2020/${1000 + i}.html`,
      published_on: day(i, 191),
      created_at: now,
    });
  }
  for (let i = 0; i < 164; i++) {
    const t =
      i % 4 === 0
        ? `【依法信访】${['信访事项办理时限是多久？', '哪些事项不属于信访受理范围？', '如何申请复查复核？', '网上信访怎么办？'][i % 4 === 0 ? (i / 4) % 4 : 0]}`
        : `${DISTRICTS[i % 6]}：${WEB_TOPICS[(i + 5) % 12]}`;
    for (const channel of ['wechat', 'toutiao'] as const)
      rows.push({ id: newId(), agency_id: agencyId, item_id: null, channel, title: t, url: '', published_on: day(i, 164), created_at: now });
  }
  return rows;
}

async function userId(tx: Tx, username: string): Promise<{ id: string; name: string } | null> {
  const u = await tx.selectFrom('users').select(['id', 'display_name']).where('username', '=', username).executeTakeFirst();
  return u ? { id: u.id, name: u.display_name } : null;
}

const CHECKS = JSON.stringify(Object.fromEntries(CONFIDENTIALITY_CHECKLIST.map((c) => [c.key, true])));

async function seedItem(
  tx: Tx,
  agency: Agency,
  s: SeedItem,
  opts: {
    status: ItemStatus | 'published';
    clerk: { id: string; name: string } | null;
    reviewers: ({ id: string; name: string } | null)[];
    approvals?: number;
    ids: Map<string, string>;
  },
) {
  const body_html = sanitizeBody(s.body ?? para(s.title));
  const item: PubItemTable = {
    id: newId(),
    agency_id: agency.id,
    column_code: s.column,
    kind: s.kind ?? (s.policyOf ? 'interpretation' : 'general'),
    index_no: null,
    index_year: null,
    index_seq: null,
    title: s.title,
    summary: s.summary ?? '',
    body_html,
    body_text: plainText(body_html),
    doc_number: s.docNumber ?? null,
    publisher: agency.name,
    created_on: s.date,
    changed_on: null,
    validity: 'valid',
    attribute: 'proactive',
    withheld_reason: null,
    policy_id: s.policyOf ? (opts.ids.get(s.policyOf) ?? null) : null,
    comment_opens: s.commentOpens ?? null,
    comment_closes: s.commentCloses ?? null,
    feedback_html: s.feedback ? sanitizeBody(s.feedback) : null,
    status: opts.status === 'published' ? 'approved' : opts.status,
    version: 1,
    content_hash: '',
    release_at: null,
    published_at: null,
    withdrawn_at: null,
    withdraw_reason: null,
    created_by: opts.clerk?.id ?? null,
    created_at: `${s.date}T01:00:00.000Z`,
    updated_at: `${s.date}T01:00:00.000Z`,
  };
  item.content_hash = contentHash({ ...item, attachments: [] });
  await tx.insertInto('pub_items').values(item).execute();
  opts.ids.set(s.title, item.id);
  const levels = ['office_head', 'deputy_leader', 'principal'];
  const n = opts.status === 'published' ? 3 : (opts.approvals ?? 0);
  for (let l = 0; l < n; l++) {
    const r = opts.reviewers[l];
    await tx
      .insertInto('pub_reviews')
      .values({
        id: newId(),
        item_id: item.id,
        agency_id: agency.id,
        version: 1,
        content_hash: item.content_hash,
        level: l,
        role: levels[l],
        decision: 'approved',
        comment: '同意公开。',
        checklist: CHECKS,
        reviewer_id: r?.id ?? null,
        reviewer_name: r?.name ?? levels[l],
        voided: 0,
        created_at: `${s.date}T0${2 + l}:00:00.000Z`,
      })
      .execute();
  }
  return item;
}

async function seedAgency(
  tx: Tx,
  agency: Agency,
  prefix: string,
  list2020: SeedItem[],
  list2026: SeedItem[],
  extra: (ids: Map<string, string>, actor: Actor) => Promise<void> = async () => {},
) {
  await ensureCatalogue(tx, agency.id);
  const clerk = await userId(tx, `${prefix}.clerk`);
  const reviewers = [await userId(tx, `${prefix}.head`), await userId(tx, `${prefix}.deputy`), await userId(tx, `${prefix}.principal`)];
  const ids = new Map<string, string>();
  const publish = (s: SeedItem) => seedItem(tx, agency, s, { status: 'published', clerk, reviewers, ids });
  const queue = [...list2020, ...list2026].sort((a, b) => a.date.localeCompare(b.date));
  // Policies first, then their interpretations at the same moment (released together).
  const actor: Actor = { id: reviewers[2]?.id ?? null, name: reviewers[2]?.name ?? SYSTEM_ACTOR.name };
  for (const s of queue.filter((x) => !x.policyOf)) {
    const it = await publish(s);
    const interps = queue.filter((x) => x.policyOf === s.title);
    const made = [it];
    for (const i of interps) made.push(await publish(i));
    // Published two working days or so after creation (within Art. 26's 20 working days).
    const at = new Date(Date.parse(`${s.date}T02:30:00.000Z`) + 2 * 86_400_000).toISOString();
    for (const m of made) await publishInTx(tx, m, actor, at);
  }
  await extra(ids, actor);
}

function items2026(): SeedItem[] {
  return [
    {
      column: 'zcwj',
      kind: 'normative',
      title: '枣庄市信访局关于进一步规范信访事项受理办理程序的规定',
      date: '2026-06-08',
      docNumber: '枣信访规〔2026〕1号',
      summary: '规范信访事项的登记、受理、办理、答复和复查复核程序，明确办理时限。',
      body: para(
        '第一条 为规范信访事项受理办理程序，保障信访人合法权益，根据《信访工作条例》等规定，结合本市实际，制定本规定。',
        '第二条 信访事项应当自收到之日起15日内决定是否受理，并书面告知信访人。',
        '第三条 信访事项应当自受理之日起60日内办结；情况复杂的，经批准可以适当延长办理期限，但延长期限不得超过30日。',
        '第四条 本规定自2026年7月1日起施行，有效期5年。',
      ),
    },
    {
      column: 'zcjd',
      kind: 'interpretation',
      policyOf: '枣庄市信访局关于进一步规范信访事项受理办理程序的规定',
      title: '《枣庄市信访局关于进一步规范信访事项受理办理程序的规定》政策解读',
      date: '2026-06-08',
      body: para(
        '一、制定背景：为贯彻落实《信访工作条例》，进一步规范全市信访事项受理办理工作。',
        '二、主要内容：明确了受理告知、办理期限、答复方式和复查复核程序。',
        '三、关键词解读：“受理告知”是指……',
        '四、施行时间：2026年7月1日起施行。',
      ),
    },
    {
      column: 'czyjs',
      title: '枣庄市信访局2026年部门预算公开',
      date: '2026-02-03',
      summary: '2026年部门收支预算及“三公”经费预算情况说明。',
      body: para(
        '根据《中华人民共和国预算法》及有关规定，现将枣庄市信访局2026年部门预算公开如下。一、部门基本情况；二、收支预算总体情况；三、“三公”经费预算情况说明。',
      ),
    },
    { column: 'czyjs', title: '枣庄市信访局2025年部门决算公开', date: '2026-08-20', body: para('现将枣庄市信访局2025年部门决算公开如下。') },
    {
      column: 'hygk',
      kind: 'meeting',
      title: '市信访局召开局党组会议研究部署信访工作法治化建设',
      date: '2026-09-15',
      body: para('会议研究部署推进信访工作法治化建设，决定开展“依法信访”主题宣传活动。'),
    },
    { column: 'tzgg', title: '2026年第四季度市级领导干部公开接访安排', date: '2026-10-09', body: para('现将本季度市级领导干部公开接访时间安排公告如下。') },
    {
      column: 'jcygk',
      kind: 'consultation',
      title: '关于《枣庄市人民建议征集办法（征求意见稿）》公开征求意见的公告',
      date: '2026-11-13',
      commentOpens: '2026-11-16',
      commentCloses: '2026-12-15',
      body: para(
        '为规范人民建议征集工作，我局起草了《枣庄市人民建议征集办法（征求意见稿）》，现向社会公开征求意见。',
        '意见反馈方式：在本页面提交意见，或发送电子邮件至 zzxfbgs@zz.shandong.cn。征求意见截止日期：2026年12月15日。',
      ),
    },
  ];
}

export const publishingSeeder: CapabilitySeeder = {
  name: 'publishing',
  seed: async (tx: Tx, ctx: AppContext, demo) => {
    const xfj = demo.xfj;
    await seedAgency(tx, xfj, 'xfj', items2020(), items2026(), async (ids, actor) => {
      // Today's working items: one draft in review (passed level 1), one item withdrawn with its history.
      const clerk = await userId(tx, 'xfj.clerk');
      const head = await userId(tx, 'xfj.head');
      await seedItem(
        tx,
        xfj,
        {
          column: 'tzgg',
          title: '关于做好2027年元旦春节期间信访工作的通知',
          date: '2026-11-20',
          body: para('各区（市）信访局：为做好2027年元旦春节期间信访工作，现就有关事项通知如下。'),
        },
        { status: 'in_review', clerk, reviewers: [head], approvals: 1, ids },
      );
      await seedItem(
        tx,
        xfj,
        { column: 'tzgg', title: '关于召开2026年度全市信访工作会议的通知（草稿）', date: '2026-11-24', body: para('定于12月召开全市信访工作会议。') },
        { status: 'draft', clerk, reviewers: [], ids },
      );
      const w = await seedItem(
        tx,
        xfj,
        { column: 'tzgg', title: '2026年第三季度市级领导干部公开接访安排', date: '2026-07-03' },
        { status: 'published', clerk, reviewers: [head, await userId(tx, 'xfj.deputy'), await userId(tx, 'xfj.principal')], ids },
      );
      await publishInTx(tx, w, actor, '2026-07-06T02:00:00.000Z');
      await withdrawDemoItem(tx, w.id, actor, '接访安排调整，已另行发布更正后的安排。');
      // Approved public comments on the open consultation.
      const consultation = ids.get('关于《枣庄市人民建议征集办法（征求意见稿）》公开征求意见的公告');
      if (consultation) {
        for (const [name, body, status] of [
          ['张伟', '建议明确人民建议的采纳奖励标准，并在网站公开采纳情况。', 'approved'],
          ['枣庄市某律师事务所', '第八条“重大建议”的认定标准建议进一步细化。', 'approved'],
          ['李娜', '希望增加通过微信公众号提交建议的渠道。', 'pending'],
        ] as const) {
          await tx
            .insertInto('pub_comments')
            .values({
              id: newId(),
              item_id: consultation,
              agency_id: xfj.id,
              name_enc: ctx.cipher.encrypt(name),
              contact_enc: null,
              body,
              status,
              reply: null,
              moderated_by: status === 'approved' ? (head?.id ?? null) : null,
              moderated_at: status === 'approved' ? '2026-11-20T02:00:00.000Z' : null,
              created_at: '2026-11-18T03:00:00.000Z',
            })
            .execute();
        }
      }
    });
    await tx.insertInto('pub_channel_log').values(channelRows(xfj.id)).execute();

    const czj = demo.agencies.czj;
    if (czj) {
      await seedAgency(
        tx,
        czj,
        'czj',
        [],
        [
          {
            column: 'czyjs',
            title: '枣庄市2026年市级预算公开',
            date: '2026-01-28',
            body: para('经市十八届人大五次会议审查批准，现将2026年市级一般公共预算、政府性基金预算、国有资本经营预算和社会保险基金预算公开如下。'),
          },
          {
            column: 'zcwj',
            kind: 'normative',
            title: '枣庄市财政局关于印发《枣庄市市级预算绩效管理办法》的通知',
            date: '2026-04-10',
            docNumber: '枣财预规〔2026〕2号',
            body: para('各市直部门：现将《枣庄市市级预算绩效管理办法》印发给你们，请认真贯彻执行。'),
          },
        ],
      );
      await tx
        .insertInto('pub_register_stats')
        .values([
          {
            id: newId(),
            agency_id: czj.id,
            kind: 'fees',
            year: 2025,
            items: 3,
            decisions: 0,
            projects: 0,
            amount_yuan: 0,
            note: '演示数据',
            updated_at: new Date().toISOString(),
          },
          {
            id: newId(),
            agency_id: czj.id,
            kind: 'procurement',
            year: 2026,
            items: null,
            decisions: 0,
            projects: 12,
            amount_yuan: 3_560_000,
            note: '演示数据',
            updated_at: new Date().toISOString(),
          },
        ])
        .execute();
    }
    const jyj = demo.agencies.jyj;
    if (jyj) {
      await seedAgency(
        tx,
        jyj,
        'jyj',
        [],
        [
          {
            column: 'tzgg',
            title: '枣庄市2026年义务教育学校招生入学工作方案',
            date: '2026-05-20',
            body: para('为做好2026年全市义务教育学校招生入学工作，制定本方案。'),
          },
        ],
      );
    }
    for (const a of Object.values(demo.agencies)) await ensureCatalogue(tx, a.id);
  },
};
