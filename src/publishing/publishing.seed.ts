import type { CapabilitySeeder } from '../platform/capability.js';
import type { AppContext } from '../platform/context.js';
import type { Tx } from '../platform/db/index.js';
import type { Agency } from '../platform/org/agencies.service.js';
import { SYSTEM_ACTOR, type Actor } from '../platform/audit/audit.js';
import { newId } from '../platform/ids.js';
import { ensureCatalogue } from './catalogue.service.js';
import { CONFIDENTIALITY_CHECKLIST, contentHash } from './review.js';
import { publishInTx } from './items.service.js';
import { channelRows, withdrawDemoItem } from './publishing.seed-helpers.js';
import { items2020, items2026, para, type SeedItem } from './publishing.seed-items.js';
import { plainText, sanitizeBody } from './sanitize.js';
import type { ItemStatus, PubItemTable } from './publishing.tables.js';

/**
 * Demo data of proactive disclosure for 枣庄市信访局, matching its 2020 annual report: 44 items in the
 * government site's column (10 of them meeting disclosures), 191 releases on the department website, 164
 * on the WeChat account mirrored to the Toutiao account (channel log); the Art. 20 registers are empty in
 * 2020, as the report's table 2 says. Plus today's (2026) content: a normative document released with its
 * interpretation, an open consultation with comments, a draft in review, a withdrawn item; and a little
 * content for sibling agencies. Titles come from templates modelled on real items of such columns.
 */

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
