import type { AppContext } from '../../platform/context.js';
import { reconsiderationBodiesOf } from '../../platform/org/agencies.service.js';
import { todayInChina } from '../../platform/time.js';
import { html } from '../../platform/web/html.js';
import { page } from '../../platform/web/layout.js';
import { cachedHtml } from '../../platform/web/page-cache.js';
import { publicAgencies, publicAgency } from '../../platform/web/public-data.js';
import { publicColumns } from './public-data.js';
import { settingsOf } from '../catalogue.service.js';
import { CHANNEL_LABELS, channelCounts } from '../channels.service.js';
import { spanText } from '../../rules/citations.js';
import { AgencyParams, PublicQuery } from '../publishing.api.js';
import { COLUMN_CSS, type PublicApp } from './views.js';

/** The guide (政府信息公开指南, 条例第十二条) of each agency, generated from its data. */

export async function guideRoutes(app: PublicApp, ctx: AppContext): Promise<void> {
  const AgencyPage = { schema: { hide: true, querystring: PublicQuery, params: AgencyParams } };

  // The guide (条例第十二条), generated from the agency's data.
  app.get('/a/:code/guide', AgencyPage, async (req, reply) =>
    cachedHtml(req, reply, req.url, async () => {
      const a = await publicAgency(ctx, req.params.code);
      const [cols, settings, agencies] = await Promise.all([publicColumns(ctx, a.id), settingsOf(ctx.db, a.id), publicAgencies(ctx)]);
      const parent = agencies.find((x) => x.id === a.parent_id);
      const body = reconsiderationBodiesOf(agencies).get(a.id) ?? { name: '' };
      const year = Number(todayInChina().slice(0, 4));
      const counts = await channelCounts(ctx.db, [a.id], year - 1);
      const used = (Object.keys(counts) as (keyof typeof counts)[]).filter((k) => counts[k] > 0 && k !== 'portal');
      const example = settings.indexPattern
        .replace('{agencyCode}', a.code)
        .replace('{columnCode}', 'zcwj')
        .replace('{year}', String(year))
        .replace(/\{seq(?::(\d))?\}/, (_m, w) => '1'.padStart(Number(w ?? 1), '0'));
      const dash = (s: string) => s || '—';
      const main = html`${COLUMN_CSS}<h1>${a.name}政府信息公开指南</h1>
<p class="muted">依据《中华人民共和国政府信息公开条例》（以下简称《条例》）第十二条编制，随机关信息变化及时更新。本页内容由系统根据本机关当前的公开目录和工作机构信息生成。</p>
<section aria-labelledby="g1"><h2 id="g1">一、主动公开</h2>
<h3>（一）公开范围和分类</h3><p>本机关主动公开的政府信息分为以下类别（即政府信息公开目录的编排分类）：</p>
<div class="table-scroll" role="region" aria-label="主动公开信息分类" tabindex="0"><table><caption class="muted" style="text-align:left">主动公开信息分类</caption><thead><tr><th scope="col">类别</th><th scope="col">主要内容</th><th scope="col">依据</th></tr></thead><tbody>
${cols.filter((c) => c.section !== 'guide').map((c) => html`<tr><th scope="row"><a href="${c.section === 'rules' ? `/a/${a.code}/rules` : `/a/${a.code}/statutory/${c.code}`}">${c.name}</a></th><td>${c.description}</td><td>${c.art20 ? `《条例》第二十条第（${c.art20}）项` : '《条例》第十九条、第二十二条'}</td></tr>`)}
<tr><th scope="row"><a href="/a/${a.code}/reports">政府信息公开年报</a></th><td>每年1月31日前公布上一年度政府信息公开工作年度报告。</td><td>《条例》第四十九条</td></tr></tbody></table></div>
<h3>（二）公开方式</h3><p>主动公开的政府信息通过本平台“${a.name}政府信息公开专栏”集中发布${a.website ? html`，同时通过本机关门户网站（<a href="${a.website}">${a.website}</a>）` : ''}${used.length ? `、${used.map((k) => CHANNEL_LABELS[k]).join('、')}` : ''}等渠道公开，并按规定向国家档案馆、公共图书馆和政务服务场所提供（《条例》第二十三条至第二十五条）。</p>
<h3>（三）公开时限</h3><p>属于主动公开范围的政府信息，自该信息形成或者变更之日起${spanText('proactive')}内予以公开；法律、法规对公开期限另有规定的，从其规定（《条例》第二十六条）。</p></section>
<section aria-labelledby="g2"><h2 id="g2">二、政府信息公开目录编排体系</h2>
<p>政府信息公开目录的每条信息包括：索引号、名称、内容概述、生成日期、发布机构、文号和有效性（规章和规范性文件）。</p>
<p>索引号的编制规则为：<code>${settings.indexPattern
        .replace('{agencyCode}', '机关代码')
        .replace('{columnCode}', '栏目代码')
        .replace('{year}', '年份')
        .replace(/\{seq(?::(\d))?\}/, '顺序号')}</code>，例如 <code>${example}</code>。机关代码为“${a.code}”，栏目代码见下表。</p>
<div class="table-scroll" role="region" aria-label="栏目代码" tabindex="0"><table><caption class="muted" style="text-align:left">栏目代码</caption><thead><tr><th scope="col">栏目</th><th scope="col">代码</th></tr></thead><tbody>${cols.filter((c) => c.section !== 'guide').map((c) => html`<tr><th scope="row">${c.name}</th><td><code>${c.code}</code></td></tr>`)}</tbody></table></div></section>
<section aria-labelledby="g3"><h2 id="g3">三、获取方式</h2>
<h3>（一）主动公开信息的获取</h3><p>公众可在本专栏按栏目浏览、<a href="/search?agency=${a.code}">检索</a>和下载主动公开的政府信息，也可到本机关政府信息公开工作机构查阅。</p>
<h3>（二）依申请公开</h3>
<p>除本机关主动公开的政府信息外，公民、法人或者其他组织可以向本机关申请获取相关政府信息（《条例》第二十七条）。</p>
<dl class="meta"><dt>受理机构</dt><dd>${dash(a.office_name)}</dd><dt>办公地址</dt><dd>${dash(a.office_address)}</dd><dt>邮政编码</dt><dd>${dash(a.office_postcode)}</dd>
<dt>办公时间</dt><dd>${dash(a.office_hours)}</dd><dt>联系电话</dt><dd>${dash(a.office_phone)}</dd><dt>传真号码</dt><dd>${dash(a.office_fax)}</dd>
<dt>电子邮箱</dt><dd>${a.office_email ? html`<a href="mailto:${a.office_email}">${a.office_email}</a>` : '—'}</dd><dt>互联网联系方式</dt><dd><a href="/apply?agency=${a.code}">在线申请</a>${a.website ? html`；<a href="${a.website}">${a.website}</a>` : ''}</dd></dl>
<p><strong>申请方式：</strong>通过本平台<a href="/apply?agency=${a.code}">在线提交申请</a>；或以信函、传真方式提出，请在信封左下角或传真首页注明“政府信息公开申请”；或到受理机构当面提交。申请应当包括：申请人的姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号或者便于查询的其他特征性描述；申请公开的政府信息的形式要求（《条例》第二十九条）。采用书面形式确有困难的，可以口头提出，由受理机构代为填写申请。</p>
<p><strong>申请的处理：</strong>申请内容不明确的，本机关自收到申请之日起${spanText('correctionRequest')}内一次性告知补正（《条例》第三十条）；能够当场答复的当场答复，不能当场答复的自收到申请之日起${spanText('reply')}内答复，需要延长的经政府信息公开工作机构负责人同意并告知申请人，延长期限最长不超过${spanText('extension')}；征求第三方和其他机关意见所需时间不计算在内（《条例》第三十二条至第三十四条）。答复类型按《条例》第三十六条办理。</p>
<p><strong>收费：</strong>本机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，可以按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费（《条例》第四十二条）。</p></section>
<section aria-labelledby="g4"><h2 id="g4">四、监督和救济</h2>
<p>公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向${parent ? `${parent.name}（政府信息公开工作主管部门）` : '上一级行政机关或者政府信息公开工作主管部门'}投诉、举报；也可以依法申请行政复议${body.name ? `（复议机关：${body.name}${a.reconsideration_online ? `，在线申请：${a.reconsideration_online}` : ''}）` : ''}或者提起行政诉讼${a.court ? `（管辖法院：${a.court}）` : ''}（《条例》第五十一条）。对本机关不予公开（含部分不予公开）政府信息的答复不服的，应当先申请行政复议，对行政复议决定不服的，再依法提起行政诉讼（《中华人民共和国行政复议法》第二十三条第一款第（四）项）。</p></section>`;
      return page({
        title: `${a.name}政府信息公开指南`,
        agency: { code: a.code, name: a.name, section: 'guide' },
        main,
        breadcrumb: [{ href: '/', label: '首页' }, { href: `/a/${a.code}/`, label: a.name }, { label: '政府信息公开指南' }],
      });
    }),
  );
}
