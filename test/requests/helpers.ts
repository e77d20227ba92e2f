import type { Principal } from '../../src/platform/auth/permissions.js';
import type { DbOrTx } from '../../src/platform/db/index.js';
import { principalOfUser } from '../../src/platform/auth/principal.js';

/** A principal for a demo user, as the session would build it. */
export const principalOf = (db: DbOrTx, username: string): Promise<Principal> => principalOfUser(db, username, 'test');

export const PERSON = {
  applicantKind: 'person',
  name: '李春梅',
  idType: 'resident_id',
  idNumber: '11010519491231002X',
  phone: '13800000001',
  email: 'lcm@example.cn',
  address: '山东省枣庄市市中区光明路1号',
  postcode: '277100',
  description: '请公开2025年度本机关信访事项办理情况统计数据',
  docNumber: '',
  form: 'electronic',
  delivery: 'email',
};

export const ORG = {
  applicantKind: 'organization',
  name: '枣庄某律师事务所',
  orgType: 'legal_service',
  creditCode: '91350100M000100Y43',
  legalRepresentative: '王某',
  contactName: '赵某',
  phone: '0632-1234567',
  email: 'law@example.cn',
  address: '枣庄市薛城区',
  postcode: '',
  description: '请公开枣政办发〔2025〕3号文件全文',
  docNumber: '枣政办发〔2025〕3号',
  form: 'paper',
  delivery: 'post',
};
