/** The three kinds of agency and their names: pure data (imports nothing), shared with the admin console. */

export type AgencyKind = 'government' | 'department' | 'unit';

export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = { government: '人民政府', department: '政府部门', unit: '下属单位' };
