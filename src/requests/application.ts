/**
 * The content of an application (条例第二十九条第二款): who applies, what information is sought, in which form
 * and how it is delivered. `validateApplication` checks it field by field and returns Chinese messages keyed
 * by field, so the portal can show each message next to its field and the API can return them all.
 */

import { creditCodeProblem, ID_TYPE_LABELS, isIdType, normalizeIdNumber, residentIdProblem, type IdType } from '../rules/identity.js';

export const ORG_TYPES = ['business', 'research', 'nonprofit', 'legal_service', 'other'] as const;
export type OrgType = (typeof ORG_TYPES)[number];

/** The report's applicant categories (stored in `cases.applicant_type`). */
export type ApplicantType = 'natural_person' | 'business' | 'research' | 'nonprofit' | 'legal_service' | 'other';

export const APPLICANT_TYPE_LABELS: Record<ApplicantType, string> = {
  natural_person: '自然人',
  business: '商业企业',
  research: '科研机构',
  nonprofit: '社会公益组织',
  legal_service: '法律服务机构',
  other: '其他组织',
};
export const FORMS = { paper: '纸质', electronic: '电子数据', inspection: '当场查阅、抄录' } as const;
export const DELIVERIES = { post: '邮寄', email: '电子邮件', collect: '自行领取' } as const;
export type Form = keyof typeof FORMS;
export type Delivery = keyof typeof DELIVERIES;

/** The applicant as stored (encrypted) with the case. */
export interface ApplicantData {
  kind: 'person' | 'organization';
  name: string;
  idType?: IdType;
  idNumber?: string;
  orgType?: OrgType;
  creditCode?: string;
  legalRepresentative?: string;
  contactName?: string;
  phone: string;
  email: string;
  address: string;
  postcode: string;
}

export interface ApplicationInput {
  applicantKind?: string;
  name?: string;
  idType?: string;
  idNumber?: string;
  orgType?: string;
  creditCode?: string;
  legalRepresentative?: string;
  contactName?: string;
  phone?: string;
  email?: string;
  address?: string;
  postcode?: string;
  description?: string;
  docNumber?: string;
  form?: string;
  delivery?: string;
}

export interface ValidApplication {
  applicant: ApplicantData;
  applicantType: ApplicantType;
  description: string;
  docNumber: string | null;
  form: Form;
  delivery: Delivery;
}

export type FieldErrors = Record<string, string>;

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** Validates an application; `errors` is empty when `value` is set. */
export function validateApplication(input: ApplicationInput, today: string): { value?: ValidApplication; errors: FieldErrors } {
  const e: FieldErrors = {};
  const kind = str(input.applicantKind);
  if (kind !== 'person' && kind !== 'organization') e.applicantKind = '请选择申请人类型：公民或法人/其他组织。';
  const name = str(input.name);
  if (!name) e.name = kind === 'organization' ? '请填写法人或其他组织的名称。' : '请填写姓名。';
  else if (name.length > 100) e.name = '名称不能超过 100 个字。';
  const phone = str(input.phone).replace(/[\s-]/g, '');
  if (!phone) e.phone = '请填写联系电话，以便本机关与您确认申请。';
  else if (!/^(\+?\d{5,20})$/.test(phone)) e.phone = '联系电话格式不正确，请只填写数字（可含区号）。';
  const email = str(input.email);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) e.email = '电子邮箱格式不正确。';
  if (email.length > 200) e.email = '电子邮箱过长。';
  const address = str(input.address);
  if (address.length > 200) e.address = '通信地址不能超过 200 个字。';
  const postcode = str(input.postcode);
  if (postcode && !/^\d{6}$/.test(postcode)) e.postcode = '邮政编码应为 6 位数字。';

  let applicant: ApplicantData | undefined;
  let applicantType: ApplicantType = 'natural_person';
  if (kind === 'person') {
    const idType = str(input.idType) || 'resident_id';
    const idNumber = normalizeIdNumber(str(input.idNumber));
    if (!isIdType(idType)) e.idType = '请选择证件类型。';
    if (!idNumber) e.idNumber = '请填写证件号码（条例第二十九条：申请人的身份证明）。';
    else if (idType === 'resident_id' || idType === 'residence_permit_hmt') {
      const problem = residentIdProblem(idNumber, today);
      if (problem) e.idNumber = problem;
    } else if (!/^[A-Z0-9()（）-]{5,30}$/.test(idNumber)) e.idNumber = `${ID_TYPE_LABELS[idType as IdType] ?? '证件'}号码格式不正确。`;
    applicant = { kind: 'person', name, idType: idType as IdType, idNumber, phone, email, address, postcode };
  } else if (kind === 'organization') {
    const orgType = str(input.orgType);
    if (!(ORG_TYPES as readonly string[]).includes(orgType)) e.orgType = '请选择组织类型：商业企业、科研机构、社会公益组织、法律服务机构或其他。';
    const creditCode = normalizeIdNumber(str(input.creditCode));
    const problem = creditCodeProblem(creditCode);
    if (problem) e.creditCode = problem;
    const legalRepresentative = str(input.legalRepresentative);
    if (!legalRepresentative) e.legalRepresentative = '请填写法定代表人或负责人姓名。';
    const contactName = str(input.contactName);
    if (!contactName) e.contactName = '请填写联系人姓名。';
    if (legalRepresentative.length > 50) e.legalRepresentative = '姓名过长。';
    if (contactName.length > 50) e.contactName = '姓名过长。';
    applicant = { kind: 'organization', name, orgType: orgType as OrgType, creditCode, legalRepresentative, contactName, phone, email, address, postcode };
    applicantType = (ORG_TYPES as readonly string[]).includes(orgType) ? (orgType as ApplicantType) : 'other';
  }

  const description = str(input.description);
  if (!description) e.description = '请描述所需政府信息的名称、内容或其他特征，便于本机关查找（条例第二十九条）。';
  else if (description.length < 4) e.description = '对所需信息的描述过短，请写明信息的名称或内容特征。';
  else if (description.length > 4000) e.description = '描述不能超过 4000 个字。';
  const docNumber = str(input.docNumber);
  if (docNumber.length > 100) e.docNumber = '文号不能超过 100 个字。';
  const form = str(input.form);
  if (!(form in FORMS)) e.form = '请选择获取信息的形式：纸质、电子数据或当场查阅。';
  const delivery = str(input.delivery);
  if (!(delivery in DELIVERIES)) e.delivery = '请选择获取信息的方式：邮寄、电子邮件或自行领取。';
  if (delivery === 'email' && !email) e.email = '选择以电子邮件获取信息时，请填写电子邮箱。';
  if (delivery === 'post' && !address) e.address = '选择邮寄时，请填写通信地址。';

  if (Object.keys(e).length > 0 || !applicant) return { errors: e };
  return { value: { applicant, applicantType, description, docNumber: docNumber || null, form: form as Form, delivery: delivery as Delivery }, errors: e };
}

/** The identity number of an applicant (ID number or credit code), the basis of the blind index. */
export function identityKeyOf(a: ApplicantData): string {
  return (a.kind === 'person' ? `P:${a.idType ?? ''}:${a.idNumber ?? ''}` : `O:${a.creditCode ?? ''}`).toUpperCase();
}
