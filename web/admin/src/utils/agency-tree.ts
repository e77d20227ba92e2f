import type { Agency, AgencyFields } from '../types.js';

/** The flat agency list (ordered by path) as a tree for tables and pickers; orphans become roots. */
export type AgencyNode = Agency & { children?: AgencyNode[] };

export function agencyTree(list: Agency[]): AgencyNode[] {
  const byId = new Map<string, AgencyNode>();
  for (const a of list) byId.set(a.id, { ...a });
  const roots: AgencyNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  const sort = (nodes: AgencyNode[]) => {
    nodes.sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'));
    for (const n of nodes) if (n.children) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** The fields the disclosure guide must give (条例第十二条) and the letter fields, with their Chinese names. */
export const GUIDE_FIELDS = [
  ['officeName', '公开工作机构名称'],
  ['officeAddress', '办公地址'],
  ['officeHours', '办公时间'],
  ['officePhone', '联系电话'],
  ['officeFax', '传真'],
  ['officeEmail', '电子邮箱'],
  ['officePostcode', '邮政编码'],
  ['website', '网站'],
  ['court', '管辖法院'],
] as const;

/** Which of those fields an agency leaves empty. */
export function missingGuideFields(a: Agency): string[] {
  const missing = GUIDE_FIELDS.filter(([k]) => !String(a[k] ?? '').trim()).map(([, label]) => label as string);
  // The 复议机关 is derived from the tree (行政复议法第二十四条); only a missing derivation needs a hand-set name.
  if (a.reconsiderationSource === 'missing' || (a.reconsiderationSource === undefined && !a.reconsiderationBody.trim())) missing.push('复议机关');
  return missing;
}

const FIELD_KEYS: (keyof AgencyFields)[] = [
  'parentId',
  'name',
  'shortName',
  'kind',
  'code',
  'officeName',
  'officeAddress',
  'officeHours',
  'officePhone',
  'officeFax',
  'officeEmail',
  'officePostcode',
  'website',
  'reconsiderationBody',
  'verticallyLed',
  'reconsiderationOnline',
  'court',
  'sortOrder',
];

/** Exactly the fields the API accepts (it refuses unknown ones such as a tree node's children). */
export function agencyFields(source: AgencyFields): AgencyFields {
  const out = {} as Record<string, unknown>;
  for (const k of FIELD_KEYS) out[k] = source[k];
  return out as unknown as AgencyFields;
}
