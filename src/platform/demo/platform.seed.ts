import type { Tx } from '../db/index.js';
import type { Role } from '../db/tables.js';
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit.js';
import { generatePassword, hashPassword } from '../auth/passwords.js';
import { ROLE_LABELS } from '../auth/permissions.js';
import { insertAgency, type Agency } from '../org/agencies.service.js';
import { newId } from '../ids.js';
import { nowIso } from '../time.js';

/**
 * Demo agencies and staff: 枣庄市人民政府 with 枣庄市信访局 (the agency of ../shared/seed/, whose 2020 annual
 * report the demo reproduces) and sibling departments. Office contacts of 信访局 are those its report
 * publishes; the others are marked as demo data.
 */

export interface DemoAccount {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  agency: string;
}

export interface PlatformDemo {
  government: Agency;
  xfj: Agency;
  agencies: Record<string, Agency>;
  accounts: DemoAccount[];
}

const HOURS = '周一至周五 上午8:30—12:00，下午13:30—17:30（法定节假日除外）';
const COURT = '枣庄市市中区人民法院';

export async function seedPlatform(tx: Tx, opts: { demoPassword?: string }): Promise<PlatformDemo> {
  const government = await insertAgency(tx, {
    name: '枣庄市人民政府',
    shortName: '市政府',
    kind: 'government',
    code: 'zz',
    officeName: '枣庄市人民政府办公室（市政务公开办）',
    officeAddress: '山东省枣庄市薛城区光明大道（演示数据）',
    officeHours: HOURS,
    officePhone: '0632-3311000（演示）',
    officeFax: '0632-3311001（演示）',
    officeEmail: 'zwgk@zz.example.cn',
    officePostcode: '277800',
    website: 'https://www.zaozhuang.gov.cn',
    reconsiderationBody: '山东省人民政府',
    reconsiderationOnline: 'https://fy.shandong.example.cn（演示地址）',
    court: '枣庄市中级人民法院',
  });
  const dept = (name: string, shortName: string, code: string, extra: Partial<Parameters<typeof insertAgency>[1]> = {}, sortOrder = 0) =>
    insertAgency(tx, {
      parentId: government.id,
      name,
      shortName,
      kind: 'department',
      code,
      officeName: `${name}办公室`,
      officeHours: HOURS,
      officeAddress: '山东省枣庄市（演示数据）',
      officePhone: '0632-0000000（演示）',
      officeFax: '',
      officeEmail: `${code}@zz.example.cn`,
      officePostcode: '277800',
      // The 复议机关 is derived from the tree (行政复议法第二十四条: the government above a department).
      court: COURT,
      sortOrder,
      ...extra,
    });
  const xfj = await dept(
    '枣庄市信访局',
    '市信访局',
    'zzxfj',
    {
      officeName: '枣庄市信访局办公室',
      officePhone: '0632-3314043',
      officeEmail: 'zzxfbgs@zz.shandong.cn',
      officeFax: '0632-3314043',
      officeAddress: '山东省枣庄市薛城区（演示数据：以该局公布的地址为准）',
      website: 'http://xfj.zaozhuang.gov.cn',
    },
    1,
  );
  const czj = await dept('枣庄市财政局', '市财政局', 'zzczj', {}, 2);
  const jyj = await dept('枣庄市教育局', '市教育局', 'zzjyj', {}, 3);
  const zrzy = await dept('枣庄市自然资源和规划局', '市自然资源和规划局', 'zzzrzy', {}, 4);
  const jdzx = await insertAgency(tx, {
    parentId: xfj.id,
    name: '枣庄市人民来访接待中心',
    shortName: '来访接待中心',
    kind: 'unit',
    code: 'zzxfj-jdzx',
    officeName: '枣庄市人民来访接待中心综合科',
    // Managed by 信访局, whose government is its 复议机关 (第二十四条第一款第（四）项), not 信访局 as under the old law.
    officeHours: HOURS,
    court: COURT,
  });

  const people: [string, string, Role, Agency][] = [
    ['admin', '系统管理员', 'admin', government],
    ['gkb', '市政务公开办', 'supervisor', government],
    // The government's own disclosure work (its report under 条例第四十九条第二款, its applications) is done
    // by staff of the government office, not by the supervising role, which only reads.
    ['zf.clerk', '吴静（市政府办公室）', 'clerk', government],
    ['zf.head', '郑涛（市政府办公室主任）', 'office_head', government],
    ['xfj.clerk', '王晓燕', 'clerk', xfj],
    ['xfj.clerk2', '李明', 'clerk', xfj],
    ['xfj.head', '张建国（办公室主任）', 'office_head', xfj],
    ['xfj.deputy', '刘志强（分管领导）', 'deputy_leader', xfj],
    ['xfj.principal', '陈立新（局长）', 'principal', xfj],
    ['czj.clerk', '赵丽', 'clerk', czj],
    ['czj.head', '孙伟（办公室主任）', 'office_head', czj],
    ['jyj.clerk', '周敏', 'clerk', jyj],
  ];
  const accounts: DemoAccount[] = [];
  const now = nowIso();
  for (const [username, displayName, role, agency] of people) {
    const password = opts.demoPassword || generatePassword();
    const id = newId();
    const row = {
      id,
      agency_id: agency.id,
      username,
      display_name: displayName,
      role,
      password_hash: await hashPassword(password),
      must_change_password: 1,
      failed_attempts: 0,
      locked_until: null,
      disabled: 0,
      password_changed_at: null,
      last_login_at: null,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await tx.insertInto('users').values(row).execute();
    await recordAudit(tx, SYSTEM_ACTOR, {
      action: 'user.created',
      entityType: 'user',
      entityId: id,
      agencyId: agency.id,
      after: { ...row, password_hash: undefined },
    });
    accounts.push({ username, password, displayName, role, agency: agency.name });
  }
  return { government, xfj, agencies: { government, xfj, czj, jyj, zrzy, jdzx }, accounts };
}

/** The one-time printout of the generated demo passwords (they are stored only as scrypt hashes). */
export function formatDemoAccounts(accounts: DemoAccount[]): string {
  const lines = accounts.map((a) => `  ${a.username.padEnd(15)} ${a.password.padEnd(22)} ${ROLE_LABELS[a.role]}（${a.agency}）`);
  return [
    '================ 演示账户（只显示这一次，请妥善保存）================',
    '  用户名          初始密码               角色',
    ...lines,
    '  首次登录后须修改密码。管理后台：/admin/',
    '  忘记密码：系统管理员在管理后台“用户管理”中为用户重置密码（生成新的初始密码）；',
    '  admin 的密码也忘记时，演示环境可删除 data/gongkai.db 后重新启动（重新生成演示数据和密码），',
    '  或以环境变量 GONGKAI_DEMO_PASSWORD 指定演示账户的初始密码。',
    '  这些密码只显示在这里，不写入日志。',
    '====================================================================',
  ].join('\n');
}
