import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/platform/time.js';
import { createTestApp, signedIn, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';

/**
 * The supervision API on the demo data: the board flags the agency with an overdue case, the drill-down masks
 * applicants, a 督办 goes to the agency and its clerk answers it, the .xlsx matches the board and the 通报 .docx
 * lists every agency with its score (must-show 3); collected reports are batch-checked and a report copied
 * from last year's with new figures is flagged (must-show 4).
 */

const FIXTURES = resolve(import.meta.dirname, '../fixtures/reports');
const multipart = (fields: Record<string, string | Buffer>) => {
  const boundary = `----gk${Date.now()}`;
  const parts = Object.entries(fields).map(([k, v]) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${k}"${Buffer.isBuffer(v) ? `; filename="${k}.txt"\r\nContent-Type: text/plain` : ''}\r\n\r\n`,
      ),
      Buffer.isBuffer(v) ? v : Buffer.from(v),
      Buffer.from('\r\n'),
    ]),
  );
  return { payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
};

describe.each(ENGINES)('supervision API (%s)', (engine) => {
  let t: TestApp;
  const year = Number(todayInChina().slice(0, 4));
  beforeAll(async () => {
    t = await createTestApp(engine);
  }, 120_000);
  afterAll(async () => t?.close());

  it('board → drill-down (masked) → 督办 → the clerk answers → the board shows it answered', async () => {
    const gkb = await signedIn(t.app, 'gkb');
    const board = (await gkb.request('GET', '/api/supervision/board')).json();
    const xfj = board.rows.find((r: any) => r.agencyName === '枣庄市信访局');
    expect(xfj.requests.overdueNow).toBeGreaterThan(0);
    expect(xfj.flags.join('')).toContain('超期未答复');
    expect(board.rows.length).toBe(6);
    const drill = (await gkb.request('GET', `/api/supervision/drill/${xfj.agencyId}/overdue`)).json();
    expect(drill.total).toBe(xfj.requests.overdueNow);
    const c = drill.rows[0];
    expect(c.applicant).toMatch(/\*/);
    expect(c.note).toMatch(/已过，至今未答复/);
    // The clerk sees the same case's applicant in full: the office never does.
    const clerk = await signedIn(t.app, 'xfj.clerk');
    const detail = (await clerk.request('GET', `/api/cases/${c.id}`)).json();
    expect(detail.applicant.name.length).toBeGreaterThan(1);
    expect(JSON.stringify(drill)).not.toContain(detail.applicant.name);
    expect(JSON.stringify(drill)).not.toContain(detail.applicant.idNumber);

    const due = todayInChina();
    const bad = await gkb.request('POST', '/api/supervision/orders', {
      json: { agencyId: xfj.agencyId, subjectKind: 'case', subjectId: c.id, what: '请尽快答复', dueDate: '2020-01-01' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('办理期限不能早于今天。');
    // The case must be the named agency's: one of another agency, or no case at all, is a 404 (requests answers it).
    const elsewhere = board.rows.find((r: any) => r.agencyName === '枣庄市财政局');
    for (const [agencyId, subjectId] of [
      [elsewhere.agencyId, c.id],
      [xfj.agencyId, 'no-such-case'],
    ]) {
      const r = await gkb.request('POST', '/api/supervision/orders', { json: { agencyId, subjectKind: 'case', subjectId, what: '请尽快答复', dueDate: due } });
      expect(r.statusCode).toBe(404);
      expect(r.json().message).toBe('未找到该申请，或它不属于该机关。');
    }
    const issued = await gkb.request('POST', '/api/supervision/orders', {
      json: {
        agencyId: xfj.agencyId,
        subjectKind: 'case',
        subjectId: c.id,
        figure: 'overdue',
        what: '该申请已超过答复期限，请于期限内答复申请人并报告办理情况。',
        dueDate: due,
      },
    });
    expect(issued.statusCode).toBe(201);
    const order = issued.json();
    expect(order.subjectLabel).toBe(`申请${c.trackingCode}`);
    // It shows on the case (orders by subject) and in the agency's list; another agency does not see it.
    expect((await clerk.request('GET', `/api/supervision/orders?subjectKind=case&subjectId=${c.id}`)).json().map((o: any) => o.id)).toEqual([order.id]);
    const other = await signedIn(t.app, 'czj.clerk');
    expect((await other.request('GET', '/api/supervision/orders')).json()).toEqual([]);
    expect((await other.request('POST', `/api/supervision/orders/${order.id}/answer`, { json: { version: 1, answer: '已办理' } })).statusCode).toBe(404);
    expect((await gkb.request('POST', `/api/supervision/orders/${order.id}/answer`, { json: { version: 1, answer: '已办理' } })).statusCode).toBe(403);
    const answered = await clerk.request('POST', `/api/supervision/orders/${order.id}/answer`, {
      json: { version: 1, answer: '已于今日答复申请人，答复书已送达。' },
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', answeredByName: '王晓燕' });
    expect((await clerk.request('POST', `/api/supervision/orders/${order.id}/answer`, { json: { version: 2, answer: '再答一次' } })).statusCode).toBe(409);
    const after = (await gkb.request('GET', '/api/supervision/board')).json().rows.find((r: any) => r.agencyId === xfj.agencyId);
    expect(after.orders).toEqual({ open: 0, overdue: 0, answered: 1 });
    // A 督办 on a report shows on that report's page (orders by subject `agencyId:year`).
    expect(
      (
        await gkb.request('POST', '/api/supervision/orders', {
          json: { agencyId: xfj.agencyId, subjectKind: 'report', subjectId: 'someone-else:2025', what: '请更正年度报告中的错误', dueDate: due },
        })
      ).statusCode,
    ).toBe(400);
    const onReport = await gkb.request('POST', '/api/supervision/orders', {
      json: {
        agencyId: xfj.agencyId,
        subjectKind: 'report',
        subjectId: `${xfj.agencyId}:2025`,
        figure: 'report',
        what: '请更正年度报告中的错误并重新公布',
        dueDate: due,
      },
    });
    expect(onReport.statusCode, onReport.body).toBe(201);
    expect(onReport.json().subjectLabel).toBe('2025年度报告');
    expect((await clerk.request('GET', `/api/supervision/orders?subjectKind=report&subjectId=${xfj.agencyId}:2025`)).json().map((o: any) => o.id)).toEqual([
      onReport.json().id,
    ]);
    // A clerk has no board.
    expect((await clerk.request('GET', '/api/supervision/board')).statusCode).toBe(403);
  });

  it('exports: the .xlsx matches the board, the 通报 .docx lists every agency with its score', async () => {
    const gkb = await signedIn(t.app, 'gkb');
    const board = (await gkb.request('GET', `/api/supervision/board?from=${year}-01-01&to=${todayInChina()}`)).json();
    const res = await gkb.request('GET', `/api/supervision/assessment.xlsx?year=${year}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('监督看板')!;
    const sheetRows = new Map<string, unknown[]>();
    ws.eachRow((row, i) => {
      if (i > 2) sheetRows.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1));
    });
    expect(sheetRows.size).toBe(board.rows.length);
    for (const r of board.rows) {
      const x = sheetRows.get(r.agencyName)!;
      expect(x.slice(1, 5)).toEqual([r.requests.received, r.requests.openNow, r.requests.overdueNow, r.requests.closedLate]);
      expect(x[11]).toBe(r.releases);
      expect(x[18]).toBe(r.orders.overdue);
    }
    const assessment = (await gkb.request('GET', `/api/supervision/assessment?year=${year}`)).json();
    const scores = wb.getWorksheet('考核得分')!;
    for (const a of assessment.agencies) {
      let found = false;
      scores.eachRow((row) => {
        if (row.getCell(2).value === a.agencyName) {
          found = true;
          expect(row.getCell(3).value).toBe(a.score);
          expect(row.getCell(1).value).toBe(a.rank);
        }
      });
      expect(found).toBe(true);
    }
    const docx = await gkb.request('GET', `/api/supervision/assessment.docx?year=${year}`);
    expect(docx.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain(`关于${year}年度政务公开工作考核情况的通报`);
    for (const a of assessment.agencies) expect(text).toContain(`${a.rank}${a.agencyName}${a.score}`);
    expect(text).toContain('工作要求');
  });

  it("collected reports: a copy of last year's with new figures is flagged, the batch check lists each agency's findings", async () => {
    const gkb = await signedIn(t.app, 'gkb');
    const rows = (await gkb.request('GET', '/api/supervision/board')).json().rows as any[];
    const jyj = rows.find((r) => r.agencyName === '枣庄市教育局');
    const czj = rows.find((r) => r.agencyName === '枣庄市财政局');
    const last = readFileSync(resolve(FIXTURES, '09_hongze_district_2024.txt'));
    const copied = Buffer.from(
      last
        .toString('utf8')
        .replace(/2024/g, String(year - 1))
        .replace(/\d+/g, (d) => (d === String(year - 1) ? d : String(Number(d) + 3))),
    );
    const up = async (agencyId: string, y: number, file: Buffer) => {
      const m = multipart({ agencyId, year: String(y), filename: `report-${y}.txt`, file });
      return t.app.inject({
        method: 'POST',
        url: '/api/supervision/collected',
        payload: m.payload,
        headers: { ...m.headers, cookie: [...gkb.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': gkb.csrf },
      });
    };
    expect((await up(jyj.agencyId, year - 2, last)).statusCode).toBe(201);
    const r1 = await up(jyj.agencyId, year - 1, copied);
    expect(r1.statusCode).toBe(201);
    expect((await up(czj.agencyId, year - 1, readFileSync(resolve(FIXTURES, 'seed_zaozhuang_xinfang_2020.txt')))).statusCode).toBe(201);
    const bad = await up(czj.agencyId, year - 1, Buffer.from('这不是一份报告'));
    expect(bad.statusCode).toBe(201);
    expect(bad.json().readError).toMatch(/不是年度报告/);
    expect((await up(czj.agencyId, year - 1, readFileSync(resolve(FIXTURES, 'seed_zaozhuang_xinfang_2020.txt')))).statusCode).toBe(201);

    const board = (await gkb.request('GET', '/api/supervision/board')).json().rows as any[];
    const j = board.find((r) => r.agencyId === jyj.agencyId);
    expect(j.report.similarity.flagged).toBe(true);
    expect(j.report.similarity.previousYear).toBeGreaterThan(0.8);
    expect(j.flags).toContain('年度报告雷同');
    const c = board.find((r) => r.agencyId === czj.agencyId);
    expect(c.report.similarity.previousYear).toBeNull();
    expect(c.report.similarity.flagged).toBe(false);

    const batch = await gkb.request('POST', '/api/supervision/collected/check', { json: { year: year - 1 } });
    expect(batch.statusCode).toBe(200);
    const names = batch
      .json()
      .results.map((x: any) => x.agencyName)
      .sort();
    expect(names).toEqual(['枣庄市教育局', '枣庄市财政局'].sort());
    for (const x of batch.json().results) expect(Array.isArray(x.findings)).toBe(true);
    // The copied report's figures were changed: its tables no longer add up, the checker says where.
    expect(batch.json().results.find((x: any) => x.agencyName === '枣庄市教育局').errors).toBeGreaterThan(0);

    const assessment = (await gkb.request('GET', `/api/supervision/assessment?year=${year}`)).json();
    const ja = assessment.agencies.find((a: any) => a.agencyId === jyj.agencyId);
    expect(ja.deductions.find((d: any) => d.indicator === 'report_similar').evidence[0].detail).toMatch(/文字相同比例\d+%/);
  });

  it('public statistics: per agency and for the area, SVG charts and no script', async () => {
    for (const url of ['/statistics', '/a/zzxfj/statistics']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<svg');
      expect(res.body).not.toMatch(/<script/i);
      expect(res.body).toContain('按时答复率');
      expect(res.body).toMatch(/答复用时中位数/);
    }
    const xfj = (await t.app.inject({ method: 'GET', url: '/a/zzxfj/statistics' })).body;
    // 2020 comes from the ledger: 4 applications, as the published 2020 report says.
    expect(xfj).toMatch(/<th scope="row">2022年<\/th>/);
    expect((await t.app.inject({ method: 'GET', url: '/a/nope/statistics' })).statusCode).toBe(404);
  });
});
