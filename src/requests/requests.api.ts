import { type Static, type TSchema, Type } from '@fastify/type-provider-typebox';
import { DATE_PATTERN, DATE_RANGE_MESSAGE } from '../platform/time.js';

/**
 * Request schemas of the requests capability's HTTP API (/api/cases…, /api/letters…, /api/appeals…,
 * /api/calendar…, and the portal's forms): one schema each = validation + handler types + OpenAPI; and the shapes
 * the API answers with (requests.answers.ts; the services return these). The console imports the types from here
 * (type-only), so this file imports only TypeBox and pure modules (platform/time.ts, which imports only src/rules).
 */

export type * from './requests.answers.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const DateT = Type.String({ pattern: DATE_PATTERN, description: DATE_RANGE_MESSAGE });
const Version = Type.Integer({ minimum: 1 });
const Text = (max: number) => Type.String({ maxLength: max });
/** A write on a case: the case's `version` (optimistic lock) and the action's own fields. */
const V = <P extends Record<string, TSchema>>(props: P) => Type.Object({ version: Version, ...props }, { additionalProperties: false });

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;
export const CaseFileParams = Type.Object({ id: Id, fileId: Id }, { additionalProperties: false });
export type CaseFileParams = Static<typeof CaseFileParams>;
export const ConsultationParams = Type.Object({ id: Id, cid: Id }, { additionalProperties: false });
export type ConsultationParams = Static<typeof ConsultationParams>;

// ------------------------------------------------------------------------------------------ cases: reads

export const WorkbenchQuery = Type.Object(
  { assignee: Type.Optional(Text(64)), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
  { additionalProperties: false },
);
export type WorkbenchQuery = Static<typeof WorkbenchQuery>;

const filterProps = {
  state: Type.Optional(Text(30)),
  assignee: Type.Optional(Text(64)),
  agencyId: Type.Optional(Text(64)),
  receivedFrom: Type.Optional(DateT),
  receivedTo: Type.Optional(DateT),
  dueBefore: Type.Optional(DateT),
  trackingCode: Type.Optional(Text(30)),
  applicantType: Type.Optional(Text(30)),
  outcome: Type.Optional(Text(60)),
  q: Type.Optional(Text(100)),
};
/** The ledger's filters (print and .xlsx): the list's, without paging. */
export const LedgerQuery = Type.Object(filterProps, { additionalProperties: false });
export type LedgerQuery = Static<typeof LedgerQuery>;
/** GET /api/cases: the list's filters and page. */
export const CaseListQuery = Type.Object(
  {
    ...filterProps,
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type CaseListQuery = Static<typeof CaseListQuery>;

// ------------------------------------------------------------------------------------------ cases: intake

export const ApplicationBody = Type.Object(
  {
    applicantKind: Type.Union([Type.Literal('person'), Type.Literal('organization')]),
    name: Text(100),
    idType: Type.Optional(Text(40)),
    idNumber: Type.Optional(Text(40)),
    orgType: Type.Optional(Text(40)),
    creditCode: Type.Optional(Text(40)),
    legalRepresentative: Type.Optional(Text(50)),
    contactName: Type.Optional(Text(50)),
    phone: Text(30),
    email: Type.Optional(Text(200)),
    address: Type.Optional(Text(200)),
    postcode: Type.Optional(Text(10)),
    description: Text(4000),
    docNumber: Type.Optional(Text(100)),
    form: Text(20),
    delivery: Text(20),
  },
  { additionalProperties: false },
);
export type ApplicationBody = Static<typeof ApplicationBody>;

/** POST /api/cases: staff register an application that came in person, by post or by fax. */
export const RegisterBody = Type.Object(
  {
    channel: Type.Union([Type.Literal('in_person'), Type.Literal('post_signed'), Type.Literal('post_ordinary'), Type.Literal('fax')]),
    date: Type.Optional(DateT),
    idempotencyKey: Type.Optional(Type.String({ minLength: 8, maxLength: 100 })),
    application: ApplicationBody,
  },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBody>;

// ------------------------------------------------------------------------------------------ cases: actions

export const ConfirmBody = V({ date: Type.Optional(DateT) });
export type ConfirmBody = Static<typeof ConfirmBody>;
export const VersionBody = V({});
export type VersionBody = Static<typeof VersionBody>;
export const CorrectionRequestBody = V({ items: Text(4000), deadline: DateT, date: Type.Optional(DateT) });
export type CorrectionRequestBody = Static<typeof CorrectionRequestBody>;
export const CorrectionBody = V({ date: Type.Optional(DateT), text: Type.Optional(Text(4000)) });
export type CorrectionBody = Static<typeof CorrectionBody>;
export const ConsultationBody = V({ kind: Type.Union([Type.Literal('third_party'), Type.Literal('agency')]), party: Text(200), date: Type.Optional(DateT) });
export type ConsultationBody = Static<typeof ConsultationBody>;
export const ConsultationAnswerBody = V({ opinion: Text(4000), date: Type.Optional(DateT) });
export type ConsultationAnswerBody = Static<typeof ConsultationAnswerBody>;
export const FeeNoticeBody = V({
  method: Type.Union([Type.Literal('per_application'), Type.Literal('per_page')]),
  pages: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000000 })),
  date: Type.Optional(DateT),
});
export type FeeNoticeBody = Static<typeof FeeNoticeBody>;
export const FeePaidBody = V({ date: Type.Optional(DateT) });
export type FeePaidBody = Static<typeof FeePaidBody>;
export const ExtensionRequestBody = V({ reason: Text(2000) });
export type ExtensionRequestBody = Static<typeof ExtensionRequestBody>;
export const ExtensionBody = V({ reason: Type.Optional(Text(2000)), date: Type.Optional(DateT), letterId: Type.Optional(Id) });
export type ExtensionBody = Static<typeof ExtensionBody>;
export const LaterDeadlineBody = V({ deadline: DateT, reason: Text(2000) });
export type LaterDeadlineBody = Static<typeof LaterDeadlineBody>;
export const CloseBody = V({ outcome: Type.Optional(Text(60)), reason: Type.Optional(Text(4000)), date: Type.Optional(DateT) });
export type CloseBody = Static<typeof CloseBody>;
export const TransferBody = V({ toAgencyId: Id, reason: Text(2000) });
export type TransferBody = Static<typeof TransferBody>;
export const AssignBody = V({ assigneeId: Type.Union([Id, Type.Null()]), reason: Type.Optional(Text(500)) });
export type AssignBody = Static<typeof AssignBody>;
export const BatchAssignBody = Type.Object(
  {
    cases: Type.Array(Type.Object({ id: Id, version: Version }, { additionalProperties: false }), { minItems: 1, maxItems: 200 }),
    assigneeId: Type.Union([Id, Type.Null()]),
    reason: Type.Optional(Text(500)),
  },
  { additionalProperties: false },
);
export type BatchAssignBody = Static<typeof BatchAssignBody>;
export const NoteBody = V({ text: Text(4000) });
export type NoteBody = Static<typeof NoteBody>;

// ------------------------------------------------------------------------------------------ letters

export const DraftLetterBody = Type.Object({ kind: Text(80), fields: Type.Optional(Type.Record(Type.String(), Type.Any())) }, { additionalProperties: false });
export type DraftLetterBody = Static<typeof DraftLetterBody>;
export const ReturnLetterBody = V({ comment: Text(2000) });
export type ReturnLetterBody = Static<typeof ReturnLetterBody>;

// ------------------------------------------------------------------------------------------ appeals

const appealProps = {
  kind: Type.Optional(Type.Union([Type.Literal('reconsideration'), Type.Literal('litigation_direct'), Type.Literal('litigation_after_reconsideration')])),
  filedDate: Type.Optional(DateT),
  result: Type.Optional(Type.Union([Type.Literal('upheld'), Type.Literal('corrected'), Type.Literal('other'), Type.Literal('pending')])),
  decidedDate: Type.Optional(Type.Union([DateT, Type.Null()])),
  body: Type.Optional(Text(200)),
  note: Type.Optional(Text(2000)),
  answerNoticeDate: Type.Optional(Type.Union([DateT, Type.Null()])),
  simplified: Type.Optional(Type.Boolean()),
  answeredDate: Type.Optional(Type.Union([DateT, Type.Null()])),
};
export const AppealListQuery = Type.Object(
  { caseId: Type.Optional(Id), year: Type.Optional(Type.Integer({ minimum: 2008, maximum: 2200 })) },
  { additionalProperties: false },
);
export type AppealListQuery = Static<typeof AppealListQuery>;
export const AppealBody = Type.Object(appealProps, { additionalProperties: false });
export type AppealBody = Static<typeof AppealBody>;
export const AppealUpdateBody = Type.Object({ ...appealProps, version: Version }, { additionalProperties: false });
export type AppealUpdateBody = Static<typeof AppealUpdateBody>;
export const VersionQuery = Type.Object({ version: Version }, { additionalProperties: false });
export type VersionQuery = Static<typeof VersionQuery>;

// ------------------------------------------------------------------------------------------ calendar

/** A year's State Council schedule as an administrator publishes it (checked in full by validateSchedule). */
export const CalendarScheduleBody = Type.Object(
  {
    year: Type.Integer({ minimum: 1949, maximum: 2200 }),
    holidays: Type.Array(Type.Any(), { maxItems: 400 }),
    workdays: Type.Array(Type.Any(), { maxItems: 100 }),
    source: Text(300),
    note: Type.Optional(Text(1000)),
  },
  { additionalProperties: false },
);
export type CalendarScheduleBody = Static<typeof CalendarScheduleBody>;

// ------------------------------------------------------------------------------------------ portal forms

/** GET /apply: the applicant type's tab and the chosen agency (other parameters are ignored, as before). */
export const ApplyQuery = Type.Object({ agency: Type.Optional(Type.String()), type: Type.Optional(Type.String()) });
export type ApplyQuery = Static<typeof ApplyQuery>;
/** POST /lookup/letters/:id: the letter to download (the code and secret travel in the form body). */
export const LetterParams = Type.Object({ id: Type.String() });
export type LetterParams = Static<typeof LetterParams>;
