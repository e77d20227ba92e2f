/** How a reply provides the information (条例第三十六条第（二）项: 方式、途径和时间; 第四十条: form), and its checks. */
import type { Block } from '../../platform/documents/model.js';
import type { LetterContext, Provision } from './context.js';
import { clause, you, type Citer, type Issues } from './phrases.js';
import { hasText } from './replies-common.js';
import { p } from './template.js';

const FORM_LABEL = { paper: '纸质', electronic: '电子数据' } as const;

/** The form and the way of providing, and what each way needs (an attachment list, a time, an address). */
export function validateProvision(issues: Issues, prov: Provision | undefined, items: string[] | undefined, law: string): void {
  if (!prov) {
    issues.add('reply.provision', `必须写明提供政府信息的形式和方式（${law}）`);
    return;
  }
  if (!['paper', 'electronic', 'inspection'].includes(prov.form)) {
    issues.add('reply.provision.form', '提供形式应为纸质、电子数据或者查阅、抄录（条例第四十条）');
    return;
  }
  if (prov.form === 'inspection') {
    issues.text('reply.provision.detail', prov.detail, '安排查阅、抄录的，必须写明查阅的时间');
    return;
  }
  if (!prov.delivery || !['with_letter', 'post', 'email', 'online', 'pickup'].includes(prov.delivery)) {
    issues.add('reply.provision.delivery', '必须写明提供方式：随答复书提供、邮寄、电子邮件、网上下载或者领取');
    return;
  }
  if (prov.delivery === 'with_letter' && !(items ?? []).some(hasText)) {
    issues.add('reply.items', '随答复书提供政府信息的，必须列明附件名称');
  }
  if (prov.delivery === 'pickup') issues.text('reply.provision.detail', prov.detail, '领取政府信息的，必须写明领取的时间');
  if (prov.delivery === 'email') issues.text('reply.provision.detail', prov.detail, '以电子邮件提供的，必须写明电子邮箱地址');
}

/** How the information reaches the applicant (条例第三十六条第（二）项: 方式、途径和时间; 第四十条: form). */
export function provisionBlocks(ctx: LetterContext, c: Citer, prov: Provision, items: string[]): { blocks: Block[]; attachments?: string[] } {
  const y = you(ctx.applicant.isOrganization);
  const a = ctx.agency;
  const blocks: Block[] = [];
  if (hasText(prov.formChangedReason)) {
    const how = prov.form === 'inspection' ? '安排查阅、抄录' : `以${FORM_LABEL[prov.form]}形式提供`;
    blocks.push(p(`按照${y}要求的形式提供，${clause(prov.formChangedReason)}。根据${c.cite('art40')}的规定，本机关${how}。`));
  }
  const detail = prov.detail?.trim();
  if (prov.form === 'inspection') {
    blocks.push(p(`请${y}于${clause(detail ?? '')}携带身份证明到${a.address}查阅、抄录相关政府信息。`));
  } else {
    const form = FORM_LABEL[prov.form];
    switch (prov.delivery) {
      case 'with_letter':
        blocks.push(p(`现将相关政府信息以${form}形式随本答复书一并提供（见附件）。`));
        return { blocks, attachments: items };
      case 'post':
        blocks.push(p(`本机关将相关政府信息以${form}形式邮寄至${y}提供的地址${detail ? `（${detail}）` : ''}。`));
        break;
      case 'email':
        blocks.push(p(`相关政府信息以电子文档形式随本答复书一并发送至${y}提供的电子邮箱（${detail}）。`));
        break;
      case 'online':
        blocks.push(p(`${y}可以凭查询码${ctx.case.trackingCode}在${detail || a.website || '本机关政府信息公开申请平台'}下载相关政府信息。`));
        break;
      case 'pickup':
        blocks.push(p(`请${y}于${clause(detail ?? '')}携带身份证明到${a.address}领取相关政府信息（${form}）。`));
        break;
    }
  }
  if (items.length) blocks.push(p('提供的政府信息包括：'), { type: 'list', ordered: true, items });
  return { blocks };
}
