import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type * as Echarts from 'echarts';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { notFound } from '../platform/errors.js';
import { listAllAgencies, type Agency } from '../platform/org/agencies.service.js';
import { todayInChina } from '../platform/time.js';
import { cachedHtml } from '../platform/web/page-cache.js';
import { html, raw, type Raw } from '../platform/web/html.js';
import { page } from '../platform/web/layout.js';
import { publicYearStats, type PublicYearStats } from '../requests/oversight.js';
import { publishedData } from '../reports/oversight.js';
import { OUTCOME_GROUP_LABELS, type OutcomeGroup } from '../rules/outcomes.js';
import type { Report } from '../rules/report/index.js';
import { AgencyCodeParams } from './supervision.api.js';

/**
 * Public statistics of 依申请公开 on the portal, per agency (/a/:code/statistics) and for the area
 * (/statistics: each government with every agency below it): applications per year, outcome shares, on-time
 * rate and the median reply time in working days, from the ledger; a year the ledger does not cover is taken
 * from the published annual reports. Charts are SVG rendered on the server (echarts SSR): no JavaScript.
 */

const YEARS = 5;
const GROUPS: OutcomeGroup[] = ['disclosed', 'partly_disclosed', 'withheld', 'unable', 'not_processed', 'other'];
const SHORT: Record<OutcomeGroup, string> = {
  disclosed: '予以公开',
  partly_disclosed: '部分公开',
  withheld: '不予公开',
  unable: '无法提供',
  not_processed: '不予处理',
  other: '其他处理',
};
const COLORS = ['#2f6fb0', '#5aa469', '#d08c2f', '#8c6bb1', '#c0504d', '#7f7f7f'];

/** echarts is loaded on the first statistics page, not at start: it is the slowest module to load (about 1 s). */
let echartsModule: Promise<typeof Echarts> | undefined;
const loadEcharts = () => (echartsModule ??= import('echarts'));

function svgChart(echarts: typeof Echarts, width: number, height: number, option: Echarts.EChartsCoreOption, label: string): Raw {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: 'sans-serif' }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  // The SVG comes from our own figures and labels; it carries no script. It is labelled for screen readers.
  return raw(
    `<figure class="chart" role="img" aria-label="${label.replace(/[&"<>]/g, '')}">${svg.replace(/<svg /, '<svg style="max-width:100%;height:auto" ')}</figure>`,
  );
}

/** Figures from a published annual report (table 3), where the ledger has none for the year. */
function fromReport(year: number, r: Report): PublicYearStats {
  const t = r.tables.requests as unknown as Record<string, { total: number | null } | undefined>;
  const v = (k: string) => Number(t[k]?.total ?? 0);
  const sum = (prefix: string) =>
    Object.keys(t)
      .filter((k) => k.startsWith(prefix))
      .reduce((s, k) => s + v(k), 0);
  const other = t.other ? v('other') : sum('other_');
  const outcomes = {
    disclosed: v('disclosed'),
    partly_disclosed: v('partly_disclosed'),
    withheld: sum('withheld_'),
    unable: sum('unable_'),
    not_processed: sum('not_processed_'),
    other,
  };
  return {
    year,
    received: v('new'),
    closed: Object.values(outcomes).reduce((a, b) => a + b, 0),
    outcomes,
    onTime: null,
    medianWorkingDays: null,
    source: 'report',
  };
}

async function statsFor(ctx: AppContext, agencies: Agency[], lastYear: number): Promise<PublicYearStats[]> {
  const years = Array.from({ length: YEARS }, (_, i) => lastYear - YEARS + 1 + i);
  const ledger = await publicYearStats(
    ctx.db,
    agencies.map((a) => a.id),
    years,
  );
  return Promise.all(
    ledger.map(async (s) => {
      if (s.received || s.closed) return s;
      // The ledger does not cover this year: sum the agencies' published reports, if any.
      const reports = (await Promise.all(agencies.map((a) => publishedData(ctx.db, a.id, s.year)))).filter((r): r is Report => !!r);
      if (!reports.length) return s;
      const parts = reports.map((r) => fromReport(s.year, r));
      const outcomes = Object.fromEntries(GROUPS.map((g) => [g, parts.reduce((x, p) => x + p.outcomes[g], 0)])) as Record<OutcomeGroup, number>;
      return {
        year: s.year,
        received: parts.reduce((x, p) => x + p.received, 0),
        closed: parts.reduce((x, p) => x + p.closed, 0),
        outcomes,
        onTime: null,
        medianWorkingDays: null,
        source: 'report' as const,
      };
    }),
  );
}

const pct = (a: number | null, b: number) => (a === null || !b ? '—' : `${(Math.round((a / b) * 1000) / 10).toFixed(1)}%`);

function statisticsBody(echarts: typeof Echarts, title: string, stats: PublicYearStats[]): Raw {
  const years = stats.map((s) => `${s.year}年`);
  const latest = [...stats].reverse().find((s) => s.closed) ?? stats[stats.length - 1]!;
  const bars = svgChart(
    echarts,
    640,
    260,
    {
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      title: { text: '收到申请（件）', left: 'center', textStyle: { fontSize: 14 } },
      xAxis: { type: 'category', data: years },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: stats.map((s) => s.received), itemStyle: { color: COLORS[0] }, label: { show: true, position: 'top' } }],
    },
    `${title}各年度收到的政府信息公开申请数量：${stats.map((s) => `${s.year}年${s.received}件`).join('，')}`,
  );
  const onTime = svgChart(
    echarts,
    640,
    240,
    {
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      title: { text: '按时答复率（%）', left: 'center', textStyle: { fontSize: 14 } },
      xAxis: { type: 'category', data: years },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [
        {
          type: 'line',
          data: stats.map((s) => (s.onTime === null || !s.closed ? null : Math.round((s.onTime / s.closed) * 1000) / 10)),
          itemStyle: { color: COLORS[1] },
          label: { show: true },
          connectNulls: false,
        },
      ],
    },
    `${title}各年度按时答复率：${stats.map((s) => `${s.year}年${pct(s.onTime, s.closed)}`).join('，')}`,
  );
  const shares = svgChart(
    echarts,
    640,
    120 + 0,
    {
      grid: { left: 16, right: 16, top: 36, bottom: 8, containLabel: false },
      title: { text: `${latest.year}年办理结果构成`, left: 'center', textStyle: { fontSize: 14 } },
      xAxis: { type: 'value', max: Math.max(1, latest.closed), show: false },
      yAxis: { type: 'category', data: [''], show: false },
      legend: { bottom: 0, itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 11 } },
      series: GROUPS.map((g, i) => ({ name: SHORT[g], type: 'bar', stack: 'all', data: [latest.outcomes[g]], itemStyle: { color: COLORS[i] }, barWidth: 28 })),
    },
    `${latest.year}年办结${latest.closed}件，其中${GROUPS.map((g) => `${SHORT[g]}${latest.outcomes[g]}件`).join('，')}`,
  );
  return html`
<div class="charts">${bars}${onTime}${shares}</div>
<div class="table-scroll" role="region" aria-label="各年度依申请公开情况" tabindex="0"><table class="list"><caption>各年度依申请公开情况</caption>
<thead><tr><th scope="col">年度</th><th scope="col">收到申请</th><th scope="col">办结</th>${GROUPS.map((g) => html`<th scope="col">${SHORT[g]}</th>`)}<th scope="col">按时答复率</th><th scope="col">答复用时中位数</th><th scope="col">数据来源</th></tr></thead>
<tbody>${stats.map((s) => html`<tr><th scope="row">${s.year}年</th><td>${s.received}</td><td>${s.closed}</td>${GROUPS.map((g) => html`<td>${s.outcomes[g]}（${pct(s.outcomes[g], s.closed)}）</td>`)}<td>${pct(s.onTime, s.closed)}</td><td>${s.medianWorkingDays === null ? '—' : `${s.medianWorkingDays}个工作日`}</td><td>${s.source === 'ledger' ? '申请台账' : '年度报告'}</td></tr>`)}</tbody>
</table></div>
<p class="muted">说明：按时答复率为办结申请中在答复期限内办结的比例；答复用时自收到申请的次日起按工作日计算（条例第三十三条）；办理结果分类同年度报告表三（${GROUPS.map((g) => OUTCOME_GROUP_LABELS[g].replace(/^（.）/, '').replace(/（.*$/, '')).join('、')}）。台账未覆盖的年度采用已公布年度报告的数据，不含按时率和用时。</p>`;
}

export async function supervisionPortalRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const lastYear = () => Number(todayInChina().slice(0, 4));

  app.get('/statistics', { schema: { hide: true } }, async (req, reply) =>
    cachedHtml(req, reply, '/statistics', async () => {
      const [all, echarts] = await Promise.all([listAllAgencies(ctx.db), loadEcharts()]);
      const roots = all.filter((a) => !a.parent_id);
      const sections: Raw[] = [];
      for (const root of roots) {
        const area = all.filter((a) => a.path.startsWith(root.path));
        const stats = await statsFor(ctx, area, lastYear());
        const perAgency = await Promise.all(area.map(async (a) => ({ a, s: (await publicYearStats(ctx.db, [a.id], [lastYear()]))[0]! })));
        sections.push(html`<section><h2>${root.name}及所属部门（全区域汇总）</h2>${statisticsBody(echarts, `${root.name}全区域`, stats)}
<div class="table-scroll" role="region" aria-label="${lastYear()}年各机关情况" tabindex="0"><table class="list"><caption>${lastYear()}年各机关情况</caption><thead><tr><th scope="col">机关</th><th scope="col">收到申请</th><th scope="col">办结</th><th scope="col">按时答复率</th><th scope="col">答复用时中位数</th></tr></thead>
<tbody>${perAgency.map(({ a, s }) => html`<tr><th scope="row"><a href="/a/${a.code}/statistics">${a.name}</a></th><td>${s.received}</td><td>${s.closed}</td><td>${pct(s.onTime, s.closed)}</td><td>${s.medianWorkingDays === null ? '—' : `${s.medianWorkingDays}个工作日`}</td></tr>`)}</tbody></table></div></section>`);
      }
      const main = html`<h1>政府信息公开统计</h1><p class="muted">依申请公开的数量、办理结果、按时答复率和答复用时，由申请台账按年度计算。</p>${sections}`;
      return page({
        title: '政府信息公开统计',
        main,
        breadcrumb: [{ href: '/', label: '首页' }, { label: '政府信息公开统计' }],
        description: '各机关及全区域政府信息公开申请的数量、办理结果、按时答复率和答复用时。',
      });
    }),
  );

  app.withTypeProvider<TypeBoxTypeProvider>().get('/a/:code/statistics', { schema: { hide: true, params: AgencyCodeParams } }, async (req, reply) => {
    const code = req.params.code;
    return cachedHtml(req, reply, `/a/${code}/statistics`, async () => {
      const agency = (await listAllAgencies(ctx.db)).find((a) => a.code === code);
      if (!agency) throw notFound('未找到该机关的公开专栏。');
      const [stats, echarts] = await Promise.all([statsFor(ctx, [agency], lastYear()), loadEcharts()]);
      const main = html`<h1>${agency.name}依申请公开统计</h1>${statisticsBody(echarts, agency.name, stats)}<p><a href="/statistics">查看全区域统计</a></p>`;
      return page({
        title: `${agency.name}依申请公开统计`,
        agency: { code: agency.code, name: agency.name, section: 'home' },
        main,
        breadcrumb: [{ href: '/', label: '首页' }, { href: `/a/${agency.code}/`, label: agency.name }, { label: '依申请公开统计' }],
      });
    });
  });
}
