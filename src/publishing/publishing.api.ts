import { type Static, Type } from '@fastify/type-provider-typebox';
import { DATE_PATTERN, DATE_RANGE_MESSAGE } from '../platform/time.js';

/**
 * Request schemas of the publishing capability's HTTP routes (validation, types and OpenAPI in one place) and
 * the types the console imports from here instead of copying them. Pure: imports only TypeBox and pure modules,
 * so the console's vue-tsc resolves it.
 */

export type ItemKind = 'general' | 'normative' | 'rule' | 'interpretation' | 'meeting' | 'consultation';
export type ItemStatus = 'draft' | 'in_review' | 'returned' | 'approved' | 'scheduled' | 'published' | 'withdrawn';
export type Validity = 'valid' | 'expired' | 'repealed';
export type Attribute = 'proactive' | 'on_request' | 'withheld';
export type Section = 'guide' | 'rules' | 'statutory' | 'reports';
export type Channel = 'portal' | 'website' | 'wechat' | 'toutiao' | 'weibo' | 'gazette' | 'other';
export type RegisterDocKind = 'rule' | 'normative';
export type RegisterStatKind = 'licensing' | 'other_services' | 'penalty' | 'enforcement' | 'fees' | 'procurement';

/** One entry of the channel log (a release on the portal, website, WeChat…): the row as the API returns it. */
export interface ChannelLogEntry {
  id: string;
  agency_id: string;
  item_id: string | null;
  channel: Channel;
  title: string;
  url: string;
  published_on: string;
  created_at: string;
}

/** An item's working copy (pub_items), as the API returns it (the detail leaves out body_text). */
export interface ItemRecord {
  id: string;
  agency_id: string;
  column_code: string;
  kind: ItemKind;
  index_no: string | null;
  index_year: number | null;
  index_seq: number | null;
  title: string;
  summary: string;
  body_html: string;
  body_text: string;
  doc_number: string | null;
  publisher: string;
  /** 生成日期 (形成之日), YYYY-MM-DD. */
  created_on: string;
  /** 变更之日, when the information changed after it was formed. */
  changed_on: string | null;
  validity: Validity;
  attribute: Attribute;
  withheld_reason: string | null;
  /** For an interpretation: the policy it explains (released together). */
  policy_id: string | null;
  comment_opens: string | null;
  comment_closes: string | null;
  feedback_html: string | null;
  status: ItemStatus;
  version: number;
  content_hash: string;
  release_at: string | null;
  published_at: string | null;
  withdrawn_at: string | null;
  withdraw_reason: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One level's decision on one version of an item (pub_reviews), as the detail returns it. */
export interface ReviewRecord {
  id: string;
  item_id: string;
  agency_id: string;
  version: number;
  content_hash: string;
  level: number;
  role: string;
  decision: 'approved' | 'returned';
  comment: string;
  checklist: string;
  reviewer_id: string | null;
  reviewer_name: string;
  voided: number;
  created_at: string;
}

/** A rule or normative document in the Art. 20 register (pub_register_docs). */
export interface RegisterDocEntry {
  id: string;
  agency_id: string;
  kind: RegisterDocKind;
  title: string;
  doc_number: string | null;
  made_on: string;
  published_on: string | null;
  repealed_on: string | null;
  item_id: string | null;
  created_at: string;
  updated_at: string;
}

/** One register's figures for a year (pub_register_stats). */
export interface RegisterStatEntry {
  id: string;
  agency_id: string;
  kind: RegisterStatKind;
  year: number;
  /** Number of items (事项) at the end of the year; null = unchanged from the year before. */
  items: number | null;
  decisions: number;
  projects: number;
  amount_yuan: number;
  note: string;
  updated_at: string;
}

const DateStr = Type.String({ pattern: DATE_PATTERN, description: DATE_RANGE_MESSAGE });
const NullableStr = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);
const Year = Type.Integer({ minimum: 2008, maximum: 2100 });

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;

export const AttachmentParams = Type.Object({ id: Type.String({ maxLength: 64 }), att: Type.String({ maxLength: 64 }) }, { additionalProperties: false });
export type AttachmentParams = Static<typeof AttachmentParams>;

export const ColumnsQuery = Type.Object({ agencyId: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false });
export type ColumnsQuery = Static<typeof ColumnsQuery>;

export const ColumnParams = Type.Object({ code: Type.String({ maxLength: 20 }) }, { additionalProperties: false });
export type ColumnParams = Static<typeof ColumnParams>;

export const ColumnBody = Type.Object(
  {
    name: Type.String({ maxLength: 40 }),
    section: Type.Union([Type.Literal('rules'), Type.Literal('statutory')]),
    art20: Type.Optional(NullableStr(4)),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
    hidden: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ColumnBody = Static<typeof ColumnBody>;

export const SettingsBody = Type.Object(
  {
    indexPattern: Type.Optional(Type.String({ maxLength: 80 })),
    reviewLevels: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 3 })),
  },
  { additionalProperties: false },
);
export type SettingsBody = Static<typeof SettingsBody>;

export const ItemsQuery = Type.Object(
  {
    status: Type.Optional(Type.String({ maxLength: 20 })),
    column: Type.Optional(Type.String({ maxLength: 20 })),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    agencyId: Type.Optional(Type.String({ maxLength: 64 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    size: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export type ItemsQuery = Static<typeof ItemsQuery>;

export const ItemBody = Type.Object(
  {
    agencyId: Type.Optional(Type.String({ maxLength: 64 })),
    columnCode: Type.String({ minLength: 1, maxLength: 20 }),
    kind: Type.Union([
      Type.Literal('general'),
      Type.Literal('normative'),
      Type.Literal('rule'),
      Type.Literal('interpretation'),
      Type.Literal('meeting'),
      Type.Literal('consultation'),
    ]),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    summary: Type.Optional(Type.String({ maxLength: 1000 })),
    bodyHtml: Type.Optional(Type.String({ maxLength: 500_000 })),
    docNumber: Type.Optional(NullableStr(60)),
    publisher: Type.Optional(Type.String({ maxLength: 100 })),
    createdOn: DateStr,
    changedOn: Type.Optional(Type.Union([DateStr, Type.Null()])),
    validity: Type.Optional(Type.Union([Type.Literal('valid'), Type.Literal('expired'), Type.Literal('repealed')])),
    attribute: Type.Union([Type.Literal('proactive'), Type.Literal('on_request'), Type.Literal('withheld')]),
    withheldReason: Type.Optional(NullableStr(500)),
    policyId: Type.Optional(NullableStr(64)),
    commentOpens: Type.Optional(Type.Union([DateStr, Type.Null()])),
    commentCloses: Type.Optional(Type.Union([DateStr, Type.Null()])),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type ItemBody = Static<typeof ItemBody>;
/** An item's content as the services take it (the body without the edit's version check). */
export type ItemInput = Omit<ItemBody, 'expectedVersion'>;

export const ReviewBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('approved'), Type.Literal('returned')]),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
    checklist: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.Boolean())),
    /** The hash of the version the reviewer read: refused when the item changed meanwhile. */
    contentHash: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);
export type ReviewBody = Static<typeof ReviewBody>;

export const ReleaseBody = Type.Optional(Type.Object({ at: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false }));
export type ReleaseBody = Static<typeof ReleaseBody>;

export const WithdrawBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false });
export type WithdrawBody = Static<typeof WithdrawBody>;

export const ModerateBody = Type.Object(
  { status: Type.Union([Type.Literal('approved'), Type.Literal('rejected')]), reply: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export type ModerateBody = Static<typeof ModerateBody>;

export const FeedbackBody = Type.Object({ feedbackHtml: Type.String({ minLength: 1, maxLength: 100_000 }) }, { additionalProperties: false });
export type FeedbackBody = Static<typeof FeedbackBody>;

export const ChannelsQuery = Type.Object({ year: Year }, { additionalProperties: false });
export type ChannelsQuery = Static<typeof ChannelsQuery>;

export const ChannelBody = Type.Object(
  {
    channel: Type.String({ maxLength: 20 }),
    title: Type.String({ maxLength: 200 }),
    url: Type.Optional(Type.String({ maxLength: 500 })),
    publishedOn: DateStr,
    itemId: Type.Optional(NullableStr(64)),
  },
  { additionalProperties: false },
);
export type ChannelBody = Static<typeof ChannelBody>;

export const RegisterDocBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('rule'), Type.Literal('normative')]),
    title: Type.String({ maxLength: 200 }),
    docNumber: Type.Optional(NullableStr(60)),
    madeOn: DateStr,
    publishedOn: Type.Optional(Type.Union([DateStr, Type.Null()])),
    repealedOn: Type.Optional(Type.Union([DateStr, Type.Null()])),
  },
  { additionalProperties: false },
);
export type RegisterDocBody = Static<typeof RegisterDocBody>;

export const RegisterStatBody = Type.Object(
  {
    kind: Type.String({ maxLength: 20 }),
    year: Year,
    items: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
    decisions: Type.Optional(Type.Integer({ minimum: 0 })),
    projects: Type.Optional(Type.Integer({ minimum: 0 })),
    amountYuan: Type.Optional(Type.Number({ minimum: 0 })),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type RegisterStatBody = Static<typeof RegisterStatBody>;

export const ProactiveQuery = Type.Object(
  { year: Year, format: Type.Optional(Type.Union([Type.Literal('2019'), Type.Literal('2021')])) },
  { additionalProperties: false },
);
export type ProactiveQuery = Static<typeof ProactiveQuery>;

// The public column (server-rendered pages, hidden from the OpenAPI document). Parameters are strings by nature;
// the query lists what the pages read and lets anything else through, as they always did.

export const AgencyParams = Type.Object({ code: Type.String() });
export type AgencyParams = Static<typeof AgencyParams>;
export const ColumnPageParams = Type.Object({ code: Type.String(), column: Type.Optional(Type.String()) });
export type ColumnPageParams = Static<typeof ColumnPageParams>;
export const PublicItemParams = Type.Object({ code: Type.String(), id: Type.String() });
export type PublicItemParams = Static<typeof PublicItemParams>;
export const PublicAttachmentParams = Type.Object({ code: Type.String(), id: Type.String(), att: Type.String() });
export type PublicAttachmentParams = Static<typeof PublicAttachmentParams>;

export const PublicQuery = Type.Object({
  page: Type.Optional(Type.String()),
  year: Type.Optional(Type.String()),
  validity: Type.Optional(Type.String()),
  q: Type.Optional(Type.String()),
  agency: Type.Optional(Type.String()),
  column: Type.Optional(Type.String()),
  kind: Type.Optional(Type.String()),
  sent: Type.Optional(Type.String()),
});
export type PublicQuery = Static<typeof PublicQuery>;
