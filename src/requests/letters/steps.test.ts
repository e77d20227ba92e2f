import { describe, expect, it } from 'vitest';
import { renderText } from '../../platform/documents/index.js';
import { draftLetter, STEP_KINDS, validateLetter } from './index.js';
import { base, contextFor, textOf } from './letters.fixtures.js';

describe('steps', () => {
  it('受理回执: received date (Art. 31), due date, tracking code and how to look it up', () => {
    const text = textOf('receipt');
    expect(text).toContain('第三十一条');
    expect(text).toContain('以双方确认之日为收到申请之日');
    expect(text).toContain('2026年11月3日');
    expect(text).toContain('即于2026年12月1日前作出答复');
    expect(text).toContain('20个工作日');
    expect(text).toContain('凭查询码ZZXF-2026-0012登录https://xfj.example.gov.cn查询办理进度');
    const mail = textOf('receipt', { ...contextFor('receipt'), case: { ...base.case, channel: 'post', ordinaryMail: true } });
    expect(mail).toContain('以本机关与您确认之日为收到申请之日');
    expect(validateLetter('receipt', { ...base, receipt: { dueDate: '2026-11-01' } }).map((i) => i.field)).toContain('receipt.dueDate');
  });

  it('补正告知书: one-time list, deadline, 视为放弃 (Art. 30)', () => {
    const { doc, articles } = draftLetter('correction_notice', contextFor('correction_notice'));
    const text = renderText(doc);
    expect(articles).toContain('art30');
    expect(text).toContain('一次性告知您需要补正的全部事项');
    expect(text).toContain('1.请写明所需文件的名称或者文号。');
    expect(text).toContain('2.请提供身份证明复印件。');
    expect(text).toContain('请您于2026年12月10日前');
    expect(text).toContain('答复期限自本机关收到补正的申请之日起计算');
    expect(text).toContain('无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请');
    expect(validateLetter('correction_notice', { ...base, correction: { items: [], deadline: '2026-11-20' } }).map((i) => i.message)).toEqual([
      '补正告知书必须一次性列明需要补正的全部事项（条例第三十条）',
      '补正期限必须晚于告知书日期（条例第三十条：合理的补正期限）',
    ]);
  });

  it('延期答复告知书: office head consent, at most 20 working days (Art. 33(2))', () => {
    const text = textOf('extension_notice');
    expect(text).toContain('第三十三条第二款');
    expect(text).toContain('经本机关政府信息公开工作机构负责人同意');
    expect(text).toContain('答复期限延长20个工作日');
    expect(text).toContain('将于2026年12月29日前作出答复');
    const over = validateLetter('extension_notice', { ...base, extension: { newDueDate: '2026-12-29', workingDays: 21 } });
    expect(over.map((i) => i.message)).toContain('延长的期限最长不得超过20个工作日（条例第三十三条第二款）');
  });

  it('征求第三方意见函: 15 working days, silence → the agency decides; the applicant stays anonymous', () => {
    const { doc, articles } = draftLetter('third_party_consultation', contextFor('third_party_consultation'));
    const text = renderText(doc);
    expect(articles).toEqual(['art32']);
    expect(doc.recipient).toBe('枣庄某建筑有限公司');
    expect(text).toContain('15个工作日内（即2026年12月16日前）');
    expect(text).toContain('逾期未提出意见的，由本机关依照《条例》的规定决定是否公开');
    expect(text).toContain('涉及贵单位的商业秘密');
    expect(text).toContain('意见回执');
    expect(text).not.toContain('张三');
    expect(text).not.toContain('ZZXF-2026-0012');
  });

  it('征求其他机关意见函: 15 working days, silence = consent (Art. 34)', () => {
    const { doc, articles } = draftLetter('agency_consultation', contextFor('agency_consultation'));
    const text = renderText(doc);
    expect(articles).toEqual(['art34']);
    expect(doc.recipient).toBe('枣庄市财政局');
    expect(text).toContain('15个工作日');
    expect(text).toContain('逾期未提出意见的，视为同意公开');
    expect(text).not.toContain('张三');
  });

  it('第三方公开决定告知书: content and reasons, with remedies (Arts. 15, 32)', () => {
    const { doc, articles } = draftLetter('third_party_disclosure_notice', contextFor('third_party_disclosure_notice'));
    const text = renderText(doc);
    expect(articles).toEqual(['art15', 'art32']);
    expect(text).toContain('决定公开的政府信息内容：该公司承建的安置房项目质量检测报告。');
    expect(text).toContain('如对本决定不服，可以自收到本决定之日起60日内向枣庄市人民政府申请行政复议');
  });

  it('收费通知书: basis, standard, amount, payment, 20 working days, 视为放弃, no separate appeal', () => {
    const { doc, articles } = draftLetter('fee_notice', contextFor('fee_notice'));
    const text = renderText(doc);
    expect(articles).toEqual(['art42.1']);
    expect(text).toContain('国办函〔2020〕109号');
    expect(text).toContain('按件计收');
    expect(text).toContain('11—30件（含30件）的部分，100元/件');
    expect(text).toContain('累计提出政府信息公开申请45件');
    expect(text).toContain('应缴纳信息处理费300元');
    expect(text).toContain('缴纳方式：通过非税收入缴款码缴纳。');
    expect(text).toContain('自收到本通知次日起20个工作日内（即2026年12月24日前）缴纳');
    expect(text).toContain('逾期未缴纳的，视为放弃申请');
    expect(text).toContain('不能单独就收费决定申请行政复议或者提起行政诉讼');
    expect(text).toContain('| 合计');
    const perPage = textOf('fee_notice', { ...base, fee: { method: 'per_page', quantity: 250, amount: 4700, paymentMethod: '银行转账' } });
    expect(perPage).toContain('按量计收');
    expect(perPage).toContain('共计250页');
    const free = validateLetter('fee_notice', { ...base, fee: { method: 'per_application', quantity: 10, amount: 100, paymentMethod: 'x' } });
    expect(free.map((i) => i.message)).toContain('同一申请人一个自然月内累计申请10件以下（含10件）的，不收费');
    const mismatch = validateLetter('fee_notice', {
      ...base,
      fee: { method: 'per_page', quantity: 40, amount: 100, paymentMethod: 'x', breakdown: [{ range: '31—40页', quantity: 10, unitPrice: 10, subtotal: 90 }] },
    });
    expect(mismatch.map((i) => i.field)).toContain('fee.breakdown');
  });

  it('Art. 35 letters: asking for reasons and deferring the reply', () => {
    const ask = textOf('reasons_request');
    expect(ask).toContain('第三十五条');
    expect(ask).toContain('请您于2026年12月5日前向本机关说明申请理由');
    const defer = textOf('deferral_notice');
    expect(defer).toContain('确定延迟答复的合理期限，将于2027年1月29日前作出答复');
    expect(defer).toContain('无法在《中华人民共和国政府信息公开条例》（以下简称《条例》）第三十三条规定的期限内答复');
  });

  it('steps other than the third-party decision carry no remedies paragraph', () => {
    for (const k of STEP_KINDS.filter((s) => s !== 'third_party_disclosure_notice')) {
      expect(textOf(k)).not.toContain('申请行政复议，或者在六个月内');
    }
  });
});
