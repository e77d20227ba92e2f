import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestContext, type TestContext } from '../helpers/db.js';
import { seedPlatform } from '../../src/platform/demo/platform.seed.js';
import type { Principal } from '../../src/platform/auth/permissions.js';
import {
  addAttachment,
  createItem,
  dueItems,
  getItemDetail,
  reindexPublished,
  listItems,
  releaseItem,
  reviewItem,
  runDueReleases,
  searchPublished,
  submitItem,
  updateItem,
  withdrawItem,
  type ItemInput,
} from '../../src/publishing/items.service.js';
import { findPublic } from '../../src/publishing/items.store.js';
import { search } from '../../src/platform/search/index.js';
import { proactiveTable } from '../../src/publishing/registers.service.js';
import { ALL_CHECKS, principalOf } from './helpers.js';

describe.each(ENGINES)('publishing items on %s', (engine) => {
  let ctx: TestContext;
  const u: Record<string, Principal> = {};
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    await ctx.db.transaction().execute((tx) => seedPlatform(tx, { demoPassword: 'x' }));
    for (const n of ['xfj.clerk', 'xfj.clerk2', 'xfj.head', 'xfj.deputy', 'xfj.principal', 'czj.clerk', 'czj.head', 'gkb']) u[n] = await principalOf(ctx.db, n);
  });
  afterAll(async () => ctx.cleanup());

  const policy = (over: Partial<ItemInput> = {}): ItemInput => ({
    columnCode: 'zcwj',
    kind: 'normative',
    title: '枣庄市信访局关于规范信访事项办理程序的规定',
    summary: '规范信访事项受理、办理、答复程序。',
    bodyHtml: '<p>第一条 为规范信访事项办理……</p><script>alert(1)</script>',
    docNumber: '枣信访发〔2026〕5号',
    createdOn: '2026-11-20',
    attribute: 'proactive',
    ...over,
  });
  async function approveAll(id: string) {
    for (const r of ['xfj.head', 'xfj.deputy', 'xfj.principal']) {
      const d = await getItemDetail(ctx.db, u[r], id);
      await reviewItem(ctx.db, u[r], id, { decision: 'approved', checklist: ALL_CHECKS, contentHash: d.item.content_hash });
    }
  }

  it('runs the three-level chain and releases a policy with its interpretation together', async () => {
    const p = await createItem(ctx.db, u['xfj.clerk'], policy());
    expect(p.body_html).not.toContain('script');
    const i = await createItem(ctx.db, u['xfj.clerk'], {
      columnCode: 'zcjd',
      kind: 'interpretation',
      title: '《关于规范信访事项办理程序的规定》政策解读',
      bodyHtml: '<p>一、制定背景……</p>',
      createdOn: '2026-11-20',
      attribute: 'proactive',
      policyId: p.id,
    });
    await submitItem(ctx.db, u['xfj.clerk'], p.id);
    await submitItem(ctx.db, u['xfj.clerk'], i.id);
    // Order is enforced: the deputy cannot review before the office head.
    await expect(reviewItem(ctx.db, u['xfj.deputy'], p.id, { decision: 'approved', checklist: ALL_CHECKS, contentHash: p.content_hash })).rejects.toThrow(
      /当前应由/,
    );
    // The checklist is required.
    await expect(reviewItem(ctx.db, u['xfj.head'], p.id, { decision: 'approved', checklist: {}, contentHash: p.content_hash })).rejects.toThrow(/保密审查/);
    await approveAll(p.id);
    // Releasing the policy while its interpretation is unreviewed is refused.
    await expect(releaseItem(ctx.db, u['xfj.clerk'], p.id)).rejects.toThrow(/同步发布/);
    await expect(releaseItem(ctx.db, u['xfj.clerk'], i.id)).rejects.toThrow(/须完成全部审核|同步发布/);
    await approveAll(i.id);
    await expect(releaseItem(ctx.db, u['xfj.clerk'], i.id)).rejects.toThrow(/同步发布/);
    const released = await releaseItem(ctx.db, u['xfj.clerk'], p.id);
    expect(released.map((r) => r.id)).toEqual([p.id, i.id]);
    expect(released[0].index_no).toMatch(/^zzxfj-zcwj-2026-0001$/);
    expect(await findPublic(ctx.db, u['xfj.clerk'].agencyId, i.id)).toBeTruthy();
    expect((await search(ctx.db, { q: '信访事项办理程序' })).hits.map((h) => h.id).sort()).toEqual([p.id, i.id].sort());
    expect((await searchPublished(ctx.db, { q: '枣信访发〔2026〕5号' }))[0]).toMatchObject({ id: p.id, url: `/a/zzxfj/items/${p.id}` });
    const t = (await proactiveTable(ctx.db, [u['xfj.clerk'].agencyId], 2026, '2021')) as any;
    expect(t.normative_documents.issued).toBe(1);

    // Withdrawal: leaves lists and search, keeps history; the interpretation goes with its policy.
    await withdrawItem(ctx.db, u['xfj.head'], p.id, '已被新规定替代');
    expect(await findPublic(ctx.db, u['xfj.clerk'].agencyId, p.id)).toBeUndefined();
    expect(await findPublic(ctx.db, u['xfj.clerk'].agencyId, i.id)).toBeUndefined();
    expect((await search(ctx.db, { q: '信访事项办理程序' })).total).toBe(0);
    const d = await getItemDetail(ctx.db, u['xfj.clerk'], p.id);
    expect(d.item.status).toBe('withdrawn');
    expect(d.versions.map((v) => v.event)).toEqual(['created', 'submitted', 'published', 'withdrawn']);
    expect(d.reviews.filter((r) => r.decision === 'approved')).toHaveLength(3);
  });

  it('binds approvals to the exact version: editing after approval voids them', async () => {
    const p = await createItem(
      ctx.db,
      u['xfj.clerk'],
      policy({ docNumber: '枣信访发〔2026〕6号', kind: 'general', columnCode: 'tzgg', title: '关于2026年元旦期间信访工作安排的通知' }),
    );
    await submitItem(ctx.db, u['xfj.clerk'], p.id);
    await approveAll(p.id);
    const edited = await updateItem(
      ctx.db,
      u['xfj.clerk'],
      p.id,
      policy({ docNumber: '枣信访发〔2026〕6号', kind: 'general', columnCode: 'tzgg', title: '关于2026年元旦期间信访工作安排的通知（修改）' }),
    );
    expect(edited.status).toBe('draft');
    expect(edited.content_hash).not.toBe(p.content_hash);
    await expect(releaseItem(ctx.db, u['xfj.clerk'], p.id)).rejects.toThrow(/须完成全部审核/);
    await submitItem(ctx.db, u['xfj.clerk'], p.id);
    // A reviewer holding the old hash is told the version changed.
    await expect(reviewItem(ctx.db, u['xfj.head'], p.id, { decision: 'approved', checklist: ALL_CHECKS, contentHash: p.content_hash })).rejects.toThrow(
      /已被修改/,
    );
    const d = await getItemDetail(ctx.db, u['xfj.head'], p.id);
    expect(d.review.passed).toBe(0);
    // Return with comments restarts the chain.
    await reviewItem(ctx.db, u['xfj.head'], p.id, { decision: 'approved', checklist: ALL_CHECKS, contentHash: d.item.content_hash });
    await expect(reviewItem(ctx.db, u['xfj.deputy'], p.id, { decision: 'returned', contentHash: d.item.content_hash })).rejects.toThrow(/修改意见/);
    await reviewItem(ctx.db, u['xfj.deputy'], p.id, { decision: 'returned', comment: '请补充联系方式。', contentHash: d.item.content_hash });
    expect((await getItemDetail(ctx.db, u['xfj.clerk'], p.id)).review.passed).toBe(0);
  });

  it('scopes by agency, separates drafting from reviewing, refuses non-proactive release and disguised files', async () => {
    const p = await createItem(
      ctx.db,
      u['xfj.clerk'],
      policy({
        kind: 'general',
        columnCode: 'tzgg',
        docNumber: null,
        title: '内部工作方案',
        attribute: 'withheld',
        withheldReason: '属于内部事务信息（条例第十六条第一款）',
      }),
    );
    await expect(getItemDetail(ctx.db, u['czj.clerk'], p.id)).rejects.toThrow(/未找到/);
    expect((await listItems(ctx.db, u['czj.clerk'], { page: 1, size: 50 })).items.find((i) => i.id === p.id)).toBeUndefined();
    expect((await listItems(ctx.db, u['gkb'], { page: 1, size: 100 })).items.some((i) => i.id === p.id)).toBe(true);
    await expect(createItem(ctx.db, u['xfj.deputy'], policy())).rejects.toThrow(/权限/);
    await expect(createItem(ctx.db, u['xfj.clerk'], policy({ attribute: 'withheld' }))).rejects.toThrow(/理由/);
    await expect(createItem(ctx.db, u['xfj.clerk'], policy({ createdOn: '2026-13-01' }))).rejects.toThrow(/日期/);
    await expect(addAttachment(ctx.db, u['xfj.clerk'], p.id, '方案.pdf', Buffer.from('<html><script>alert(1)</script>'))).rejects.toThrow(/伪装/);
    await submitItem(ctx.db, u['xfj.clerk'], p.id);
    await approveAll(p.id);
    await expect(releaseItem(ctx.db, u['xfj.clerk'], p.id)).rejects.toThrow(/不能主动发布/);
    // The office head drafting cannot approve the item himself.
    const own = await createItem(ctx.db, u['xfj.head'], policy({ kind: 'general', columnCode: 'tzgg', docNumber: null, title: '主任起草' }));
    await submitItem(ctx.db, u['xfj.head'], own.id);
    await expect(reviewItem(ctx.db, u['xfj.head'], own.id, { decision: 'approved', checklist: ALL_CHECKS, contentHash: own.content_hash })).rejects.toThrow(
      /自己起草/,
    );
  });

  it('schedules a release and publishes it when due; attachments are searchable', async () => {
    const p = await createItem(
      ctx.db,
      u['xfj.clerk'],
      policy({ kind: 'general', columnCode: 'czyjs', docNumber: null, title: '枣庄市信访局2027年部门预算公开' }),
    );
    await addAttachment(ctx.db, u['xfj.clerk'], p.id, '说明.txt', Buffer.from('一般公共预算拨款收入合计三百万元，人民建议征集专项经费'));
    await submitItem(ctx.db, u['xfj.clerk'], p.id);
    await approveAll(p.id);
    const at = new Date(Date.now() + 3600_000).toISOString();
    const [s] = await releaseItem(ctx.db, u['xfj.clerk'], p.id, { at });
    expect(s.status).toBe('scheduled');
    expect(await findPublic(ctx.db, p.agency_id, p.id)).toBeUndefined();
    expect(await runDueReleases(ctx.db, new Date())).toBe(0);
    expect(await runDueReleases(ctx.db, new Date(Date.now() + 7200_000))).toBe(1);
    expect(await findPublic(ctx.db, p.agency_id, p.id)).toBeTruthy();
    expect((await search(ctx.db, { q: '人民建议征集' })).hits.map((h) => h.id)).toContain(p.id);
  });

  it('revises a published item: the public keeps the released version until the revision is approved; history is kept', async () => {
    const input = policy({ kind: 'general', columnCode: 'ghjh', docNumber: null, title: '枣庄市信访局2026年工作要点' });
    const p = await createItem(ctx.db, u['xfj.clerk'], input);
    await submitItem(ctx.db, u['xfj.clerk'], p.id);
    await approveAll(p.id);
    const [released] = await releaseItem(ctx.db, u['xfj.clerk'], p.id);
    const revised = await updateItem(ctx.db, u['xfj.clerk'], p.id, { ...input, title: '枣庄市信访局2026年工作要点（修订）', changedOn: '2026-11-24' });
    expect(revised.status).toBe('draft');
    expect((await findPublic(ctx.db, p.agency_id, p.id))?.title).toBe('枣庄市信访局2026年工作要点');
    expect((await search(ctx.db, { q: '工作要点 修订' })).total).toBe(0);
    await submitItem(ctx.db, u['xfj.clerk'], p.id);
    await approveAll(p.id);
    await releaseItem(ctx.db, u['xfj.clerk'], p.id);
    const live = await findPublic(ctx.db, p.agency_id, p.id);
    expect(live?.title).toBe('枣庄市信访局2026年工作要点（修订）');
    expect(live?.index_no).toBe(released.index_no);
    expect(live?.first_published_at).toBe(released.published_at);
    expect((await search(ctx.db, { q: '工作要点 修订' })).hits.map((h) => h.id)).toEqual([p.id]);
    const d = await getItemDetail(ctx.db, u['xfj.clerk'], p.id);
    expect(d.versions.map((v) => v.event)).toEqual(['created', 'submitted', 'published', 'revised', 'submitted', 'republished']);
    expect(d.reviews.filter((r) => r.voided).length).toBe(3);
  });

  it('warns under 条例第二十六条 when the 20 working days run out', async () => {
    const late = await createItem(
      ctx.db,
      u['xfj.clerk'],
      policy({ kind: 'general', columnCode: 'tzgg', docNumber: null, title: '逾期未公开的通知', createdOn: '2026-09-01' }),
    );
    const fresh = await createItem(
      ctx.db,
      u['xfj.clerk'],
      policy({
        kind: 'general',
        columnCode: 'tzgg',
        docNumber: null,
        title: '今天形成的通知',
        createdOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
      }),
    );
    const due = await dueItems(ctx.db, u['xfj.clerk']);
    const hit = due.find((d) => d.id === late.id);
    expect(hit?.art26.level).toBe('overdue');
    expect(hit?.art26.message).toContain('第二十六条');
    expect(due.some((d) => d.id === fresh.id)).toBe(false);
    expect((await dueItems(ctx.db, u['czj.clerk'])).some((d) => d.id === late.id)).toBe(false);
  });

  it('rebuilds the search index from what is public', async () => {
    const before = (await search(ctx.db, { q: '人民建议征集' })).hits.map((h) => h.id).sort();
    expect(before.length).toBeGreaterThan(0);
    await ctx.db.deleteFrom('search_docs').execute();
    if (engine === 'sqlite') {
      const { sql } = await import('kysely');
      await sql`delete from search_fts`.execute(ctx.db);
      await sql`delete from search_title_fts`.execute(ctx.db);
    }
    expect((await search(ctx.db, { q: '人民建议征集' })).total).toBe(0);
    const n = await reindexPublished(ctx.db, { batch: 2 });
    const publicCount = Number(
      (
        await ctx.db
          .selectFrom('pub_public_items')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(n).toBe(publicCount);
    expect((await search(ctx.db, { q: '人民建议征集' })).hits.map((h) => h.id).sort()).toEqual(before);
  });
});
