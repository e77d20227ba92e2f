import { type Static, Type } from '@fastify/type-provider-typebox';
import { DATE_PATTERN, DATE_RANGE_MESSAGE } from '../platform/time.js';
import type { Period, RequestFigures } from '../requests/requests.api.js';
import { type AssessmentScheme, INDICATOR_KEYS, type RankedScore } from '../rules/assessment/index.js';
import type { AgencyKind } from '../rules/remedies.js';

/**
 * The supervision API's request schemas and response types (the console imports these types; the routes validate
 * with the schemas). Pure: TypeBox, the rules and the platform's pure date pattern only, so vue-tsc resolves it.
 */

const Year = Type.Integer({ minimum: 2008, maximum: 2100 });
const DateT = Type.String({ pattern: DATE_PATTERN, description: DATE_RANGE_MESSAGE });
const AgencyIdT = Type.String({ maxLength: 64 });

// ---------------------------------------------------------------------------------------------------------------
// Requests

export const PeriodQuery = Type.Object({ from: Type.Optional(DateT), to: Type.Optional(DateT) }, { additionalProperties: false });
export type PeriodQuery = Static<typeof PeriodQuery>;

/** The figures of the board a drill-down can open. */
export const DRILL_FIGURES = [
  'received',
  'open',
  'overdue',
  'late',
  'extended',
  'correction_late',
  'closed',
  'appeal_corrected',
  'disclosed',
  'partly_disclosed',
  'withheld',
  'unable',
  'not_processed',
  'other',
  'releases_late',
  'releases',
  'columns',
  'report',
  'orders',
] as const;
export type DrillFigure = (typeof DRILL_FIGURES)[number];

export const DrillParams = Type.Object({ agencyId: AgencyIdT, figure: Type.Union(DRILL_FIGURES.map((f) => Type.Literal(f))) }, { additionalProperties: false });
export type DrillParams = Static<typeof DrillParams>;

export const TrendsQuery = Type.Object(
  {
    agencyId: Type.Optional(AgencyIdT),
    year: Type.Optional(Year),
    years: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
  },
  { additionalProperties: false },
);
export type TrendsQuery = Static<typeof TrendsQuery>;

export const SchemeT = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    basis: Type.String({ maxLength: 2000 }),
    total: Type.Number(),
    sections: Type.Array(
      Type.Object({ key: Type.String({ maxLength: 40 }), label: Type.String({ maxLength: 100 }), max: Type.Number() }, { additionalProperties: false }),
      { maxItems: 30 },
    ),
    indicators: Type.Array(
      Type.Object(
        {
          key: Type.Union(INDICATOR_KEYS.map((k) => Type.Literal(k))),
          section: Type.String({ maxLength: 40 }),
          mode: Type.Union([Type.Literal('per_occurrence'), Type.Literal('once')]),
          points: Type.Number(),
          cap: Type.Optional(Type.Number()),
        },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
    columnCycles: Type.Object(
      { defaultDays: Type.Integer(), byColumn: Type.Record(Type.String({ maxLength: 40 }), Type.Integer()) },
      { additionalProperties: false },
    ),
    similarityThreshold: Type.Number(),
  },
  { additionalProperties: false },
);

export const SaveSchemeBody = Type.Object({ scheme: SchemeT, version: Type.Union([Type.Integer(), Type.Null()]) }, { additionalProperties: false });
export type SaveSchemeBody = Static<typeof SaveSchemeBody>;

export const YearQuery = Type.Object({ year: Year, agencyId: Type.Optional(AgencyIdT) }, { additionalProperties: false });
export type YearQuery = Static<typeof YearQuery>;

export const OrdersQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('answered')])),
    agencyId: Type.Optional(AgencyIdT),
    subjectKind: Type.Optional(Type.String({ maxLength: 20 })),
    subjectId: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type OrdersQuery = Static<typeof OrdersQuery>;

export const OrderSubjectT = Type.Union([Type.Literal('agency'), Type.Literal('figure'), Type.Literal('case'), Type.Literal('report'), Type.Literal('item')]);

export const IssueOrderBody = Type.Object(
  {
    agencyId: AgencyIdT,
    subjectKind: OrderSubjectT,
    subjectId: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
    subjectLabel: Type.Optional(Type.String({ maxLength: 200 })),
    figure: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
    what: Type.String({ maxLength: 2000 }),
    dueDate: DateT,
  },
  { additionalProperties: false },
);
export type IssueOrderBody = Static<typeof IssueOrderBody>;

export const OrderIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) }, { additionalProperties: false });
export type OrderIdParams = Static<typeof OrderIdParams>;

export const AnswerOrderBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }), answer: Type.String({ maxLength: 5000 }) },
  { additionalProperties: false },
);
export type AnswerOrderBody = Static<typeof AnswerOrderBody>;

export const FindingBody = Type.Object(
  {
    agencyId: AgencyIdT,
    year: Year,
    indicator: Type.String({ maxLength: 40 }),
    label: Type.String({ maxLength: 200 }),
    detail: Type.String({ maxLength: 2000 }),
    foundOn: DateT,
  },
  { additionalProperties: false },
);
export type FindingBody = Static<typeof FindingBody>;

export const BatchCheckBody = Type.Object({ year: Year }, { additionalProperties: false });
export type BatchCheckBody = Static<typeof BatchCheckBody>;

/** The portal's per-agency statistics page (/a/:code/statistics): any code is taken, an unknown one answers 404. */
export const AgencyCodeParams = Type.Object({ code: Type.String() }, { additionalProperties: false });
export type AgencyCodeParams = Static<typeof AgencyCodeParams>;

// ---------------------------------------------------------------------------------------------------------------
// Responses

/** The period the board reads: the same shape requests' oversight queries take. */
export type { Period };

/** The office's scheme, or the default when it has saved none. */
export interface SchemeView {
  scheme: AssessmentScheme;
  version: number | null;
  isDefault: boolean;
}

/** How much of a report's text is its own last report's, or its closest sibling's. */
export interface ReportSimilarity {
  previousYear: number | null;
  previousCopied: string[];
  sibling: { agencyId: string; agencyName: string; containment: number; copied: string[] } | null;
  flagged: boolean;
}

export interface BoardRow {
  agencyId: string;
  agencyName: string;
  parentId: string | null;
  depth: number;
  kind: AgencyKind;
  requests: RequestFigures;
  onTimeRate: number | null;
  extensionRate: number | null;
  correctionsOnTimeRate: number | null;
  outcomeShares: Record<string, number | null>;
  releases: number;
  releasesLate: number;
  releasesOnTimeRate: number | null;
  columns: number;
  columnsBlank: number;
  columnsStale: number;
  guideGaps: string[];
  report: {
    year: number;
    deadline: string;
    status: string | null;
    publishedOn: string | null;
    late: boolean;
    errors: number;
    collected: { filename: string; findings: number; errors: number; readError: string | null } | null;
    similarity: ReportSimilarity | null;
  };
  orders: { open: number; overdue: number; answered: number };
  /** Why the row is flagged (red on the board), as short phrases; empty when nothing needs attention. */
  flags: string[];
}

export interface Board {
  period: Period;
  today: string;
  reportYear: number;
  rows: BoardRow[];
}

/** What every drill-down answer starts with; `kind` says what its rows are. */
export interface DrillHead {
  agencyId: string;
  agencyName: string;
  figure: string;
  period: Period;
}
export type DrillKind = 'cases' | 'items' | 'columns' | 'report' | 'orders';

/**
 * A drill-down's answer as the console reads it: the rows' shapes are the other capabilities' oversight records
 * (cases masked, releases, columns), the report's status or 督办, told apart by `kind`; `total` counts them all.
 */
export interface DrillResult extends DrillHead {
  kind: DrillKind;
  total: number;
  rows: Record<string, any>[];
}

export interface TrendYear {
  year: number;
  received: number;
  closed: number;
  closedLate: number;
  onTimeRate: number | null;
  extended: number;
  appeals: number;
  corrected: number;
  releases: number;
  releasesLate: number;
}

export interface Trends {
  agencyId: string | null;
  years: TrendYear[];
}

export interface AssessmentResult {
  year: number;
  asOf: string;
  scheme: AssessmentScheme;
  agencies: RankedScore[];
}

export type OrderSubject = Static<typeof OrderSubjectT>;

export interface OrderView {
  id: string;
  agencyId: string;
  agencyName: string;
  issuerName: string;
  subjectKind: OrderSubject;
  subjectId: string | null;
  subjectLabel: string;
  figure: string | null;
  what: string;
  dueDate: string;
  status: 'open' | 'answered';
  overdue: boolean;
  answer: string | null;
  answeredAt: string | null;
  answeredByName: string | null;
  answeredLate: boolean;
  version: number;
  createdAt: string;
}
