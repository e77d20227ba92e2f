import type { OrderSubject } from './supervision.api.js';

/** Tables of the supervision capability (政务公开办). */

export interface SupervisionSchemeTable {
  /** The supervising office's agency: one scheme per office. */
  agency_id: string;
  /** AssessmentScheme JSON. */
  scheme: string;
  version: number;
  updated_by: string;
  updated_at: string;
}

export type { OrderSubject };
export type OrderStatus = 'open' | 'answered';

/** A 督办: what the office asks of an agency, by when, and the agency's answer. */
export interface SupervisionOrderTable {
  id: string;
  /** The agency that must act. */
  agency_id: string;
  issuer_agency_id: string;
  issuer_id: string;
  issuer_name: string;
  subject_kind: OrderSubject;
  subject_id: string | null;
  subject_label: string;
  /** The board figure it was issued from (e.g. 'overdue'), if any. */
  figure: string | null;
  what: string;
  due_date: string;
  status: OrderStatus;
  answer: string | null;
  answered_at: string | null;
  answered_by_id: string | null;
  answered_by_name: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** An annual report collected as a file from an agency that uses another system. */
export interface SupervisionCollectedTable {
  id: string;
  agency_id: string;
  year: number;
  filename: string;
  sha256: string;
  size: number;
  /** Base64 of the file. */
  content: string;
  /** Text read from the file (for the similarity check). */
  text: string;
  /** The checker's findings (JSON). */
  findings: string;
  read_error: string | null;
  checked_at: string | null;
  uploaded_by: string;
  uploaded_at: string;
}

/** A problem the office found by hand (e.g. personal data on a web page), counted by its indicator. */
export interface SupervisionFindingTable {
  id: string;
  agency_id: string;
  year: number;
  indicator: string;
  label: string;
  detail: string;
  found_on: string;
  recorded_by: string;
  created_at: string;
}

declare module '../platform/db/tables.js' {
  interface Database {
    supervision_schemes: SupervisionSchemeTable;
    supervision_orders: SupervisionOrderTable;
    supervision_collected: SupervisionCollectedTable;
    supervision_findings: SupervisionFindingTable;
  }
}
