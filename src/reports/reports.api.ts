import { type Static, Type } from '@fastify/type-provider-typebox';
import { DATE_PATTERN, DATE_RANGE_MESSAGE } from '../platform/time.js';
import type { ChapterKey, CheckedReport, Finding, ProseStatement, ReportFormat, ReportTables } from '../rules/report/types.js';
import type { SourceKind } from './check/document.js';
import { NARRATIVE_KEYS, type Narrative } from './reports.narrative.js';

export type { Narrative, NarrativeKey } from './reports.narrative.js';

/**
 * The reports API's request schemas (validation, types and OpenAPI in one) and the shapes its answers have:
 * the routes are typed by these, and the console imports the types from here instead of copying them.
 * Pure: imports only TypeBox, src/rules and pure modules (the console's vue-tsc resolves this file).
 */

// ---------------------------------------------------------------------------------------------------------------
// Requests

const Revision = Type.Integer({ minimum: 1, maximum: 1_000_000 });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });

export const ReportIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) }, { additionalProperties: false });
export type ReportIdParams = Static<typeof ReportIdParams>;

export const ListReportsQuery = Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false });
export type ListReportsQuery = Static<typeof ListReportsQuery>;

export const CreateReportBody = Type.Object(
  { year: Year, scope: Type.Optional(Type.Union([Type.Literal('agency'), Type.Literal('subtree')])) },
  { additionalProperties: false },
);
export type CreateReportBody = Static<typeof CreateReportBody>;

export const SummaryQuery = Type.Object({ year: Year }, { additionalProperties: false });
export type SummaryQuery = Static<typeof SummaryQuery>;

const NarrativeTexts = Type.Object(Object.fromEntries(NARRATIVE_KEYS.map((k) => [k, Type.Optional(Type.String({ maxLength: 20_000 }))])), {
  additionalProperties: false,
});

export const NarrativeBody = Type.Object(
  {
    revision: Revision,
    narrative: NarrativeTexts,
    signedDate: Type.Optional(Type.Union([Type.String({ pattern: DATE_PATTERN, description: DATE_RANGE_MESSAGE }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type NarrativeBody = Static<typeof NarrativeBody>;

export const RevisionBody = Type.Object({ revision: Revision }, { additionalProperties: false });
export type RevisionBody = Static<typeof RevisionBody>;

export const AcknowledgementBody = Type.Object(
  { findingKey: Type.String({ minLength: 1, maxLength: 2000 }), note: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
export type AcknowledgementBody = Static<typeof AcknowledgementBody>;

export const SignoffBody = Type.Object({ revision: Revision, opinion: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });
export type SignoffBody = Static<typeof SignoffBody>;

export const CorrectionBody = Type.Object({ revision: Revision, note: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false });
export type CorrectionBody = Static<typeof CorrectionBody>;

export const DownloadQuery = Type.Object(
  { format: Type.Union([Type.Literal('docx'), Type.Literal('json'), Type.Literal('csv'), Type.Literal('txt')]) },
  { additionalProperties: false },
);
export type DownloadQuery = Static<typeof DownloadQuery>;
export type DownloadFormat = DownloadQuery['format'];

/** The portal's section: /a/:code/reports and /a/:code/reports/:file?version=n (hidden from the OpenAPI document). */
export const PortalAgencyParams = Type.Object({ code: Type.String() });
export type PortalAgencyParams = Static<typeof PortalAgencyParams>;
export const PortalFileParams = Type.Object({ code: Type.String(), file: Type.String() });
export type PortalFileParams = Static<typeof PortalFileParams>;
export const PortalFileQuery = Type.Object({ version: Type.Optional(Type.String()) });
export type PortalFileQuery = Static<typeof PortalFileQuery>;

// ---------------------------------------------------------------------------------------------------------------
// Answers

export type ReportStatus = 'draft' | 'approved' | 'published';
export type ReviewStage = 'office_head' | 'deputy_leader' | 'principal';
/** Which agencies a report covers: one agency, or a government with everything below it in the tree. */
export type ReportScope = 'agency' | 'subtree';

export interface ReportChapter {
  key: ChapterKey;
  title: string;
  /** The chapter's text with its figures bound; paragraphs separated by line breaks. */
  text: string;
}

/** What the list and the detail of a report both show. */
export interface ReportHead {
  id: string;
  agencyId: string;
  agencyName: string;
  agencyCode: string;
  year: number;
  scope: ReportScope;
  format: ReportFormat;
  status: ReportStatus;
  statusLabel: string;
  revision: number;
}

export interface ReportListItem extends ReportHead {
  publishedVersion: number;
  firstPublishedAt: string | null;
  lastPublishedAt: string | null;
  correcting: boolean;
  updatedAt: string;
}

export interface ViewFinding extends Finding {
  key: string;
  acknowledged: { by: string; at: string; note: string } | null;
}

export interface Validation {
  findings: ViewFinding[];
  stale: boolean;
  errors: number;
  unacknowledgedWarnings: number;
  /** Why it cannot be signed off now, or null. */
  blocking: string | null;
}

export interface Signoff {
  stage: ReviewStage;
  stageLabel: string;
  userName: string;
  opinion: string;
  signedAt: string;
}

export interface PublishedVersionInfo {
  version: number;
  publishedAt: string;
  publishedBy: string;
  note: string | null;
  signedDate: string;
}

export interface ReportDetail extends ReportHead {
  computedAt: string;
  signedDate: string | null;
  correctionNote: string | null;
  publishedVersion: number;
  deadline: string;
  daysLeft: number;
  tables: ReportTables;
  narrative: Narrative;
  preview: { preamble: string; chapters: ReportChapter[] };
  validation: Validation;
  review: { signoffs: Signoff[]; nextStage: ReviewStage | null; nextStageLabel: string | null; canSignOff: boolean };
  versions: PublishedVersionInfo[];
}

export interface Deadline {
  agencyName: string;
  today: string;
  reportYear: number;
  opensOn: string;
  deadline: string;
  daysLeft: number;
  countingDown: boolean;
  status: ReportStatus | null;
  published: boolean;
  reportId: string | null;
  previousYearPublished: boolean;
}

export interface SummaryRow {
  agencyId: string;
  agencyName: string;
  agencyCode: string;
  kind: string;
  deadline: string;
  reportId: string | null;
  status: ReportStatus | null;
  statusLabel: string;
  publishedOn: string | null;
  versions: number;
  onTime: boolean;
  late: boolean;
  daysLate: number;
}

export interface PublicationSummary {
  year: number;
  today: string;
  agencies: SummaryRow[];
  totals: { agencies: number; published: number; onTime: number; late: number };
}

/** The checker's answer (POST /api/reports/check): what was read from the file and what is wrong with it. */
export interface CheckResponse {
  source: SourceKind;
  report: CheckedReport;
  /** The figures read from the text. */
  prose: ProseStatement[];
  /** The chapters found. */
  chapters: ChapterKey[];
  summary: { errors: number; warnings: number; ok: boolean };
}
