import { type Static, Type } from '@fastify/type-provider-typebox';
import type { ReconsiderationBody } from '../../rules/remedies.js';
import { type Permission, type Role, ROLES } from '../auth/roles.js';
import type { AgencyKind } from '../org/agency-kinds.js';

/**
 * The platform's own JSON API (sessions, account, agencies, users, audit): request schemas and the shapes of
 * the answers. Pure (TypeBox and the role data only), so the admin console imports these types instead of
 * copying them.
 */

/** One of the six roles (the union is built from ROLES; `Unsafe` gives it the type `Role` TypeBox cannot infer from an array). */
export const RoleT = Type.Unsafe<Role>(Type.Union(ROLES.map((r) => Type.Literal(r))));
export const Err = Type.Object({ error: Type.String(), message: Type.String() });

/** An id in the path (`/api/users/:id`, `/api/agencies/:id`, `/api/account/sessions/:id`). */
export const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export type IdParams = Static<typeof IdParams>;

export const SignInBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);
export type SignInBody = Static<typeof SignInBody>;

export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

/** The longest "remind N working days before the due date" a user may choose. */
export const REMIND_DAYS_MAX = 15;

export const ContactsBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    email: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
    mobile: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
    channel: Type.Optional(Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('none')])),
    remindDays: Type.Optional(Type.Integer({ minimum: 1, maximum: REMIND_DAYS_MAX })),
  },
  { additionalProperties: false },
);
export type ContactsBody = Static<typeof ContactsBody>;

/** A user's contacts and notification settings (`/api/account/contacts`, `/api/users/:id/contacts`). */
export interface StaffContacts {
  email: string | null;
  mobile: string | null;
  channel: NonNullable<ContactsBody['channel']>;
  remindDays: number;
  version: number;
}

export const AgencyBody = Type.Object(
  {
    parentId: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    shortName: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
    kind: Type.Union([Type.Literal('government'), Type.Literal('department'), Type.Literal('unit')]),
    code: Type.String({ minLength: 2, maxLength: 40 }),
    officeName: Type.Optional(Type.String({ maxLength: 100 })),
    officeAddress: Type.Optional(Type.String({ maxLength: 200 })),
    officeHours: Type.Optional(Type.String({ maxLength: 200 })),
    officePhone: Type.Optional(Type.String({ maxLength: 50 })),
    officeFax: Type.Optional(Type.String({ maxLength: 50 })),
    officeEmail: Type.Optional(Type.String({ maxLength: 100 })),
    officePostcode: Type.Optional(Type.String({ maxLength: 10 })),
    website: Type.Optional(Type.String({ maxLength: 200 })),
    reconsiderationBody: Type.Optional(Type.String({ maxLength: 100 })),
    verticallyLed: Type.Optional(Type.Boolean()),
    reconsiderationOnline: Type.Optional(Type.String({ maxLength: 200 })),
    court: Type.Optional(Type.String({ maxLength: 100 })),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  },
  { additionalProperties: false },
);
export type AgencyBody = Static<typeof AgencyBody>;

/** An agency's change carries the `updatedAt` it was read with (optimistic locking). */
export const AgencyUpdateBody = Type.Object({ ...AgencyBody.properties, updatedAt: Type.String({ maxLength: 40 }) }, { additionalProperties: false });
export type AgencyUpdateBody = Static<typeof AgencyUpdateBody>;

export const CreateUserBody = Type.Object(
  {
    agencyId: Type.String({ maxLength: 64 }),
    username: Type.String({ minLength: 3, maxLength: 32 }),
    displayName: Type.String({ minLength: 1, maxLength: 50 }),
    role: RoleT,
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    role: Type.Optional(RoleT),
    disabled: Type.Optional(Type.Boolean()),
    unlock: Type.Optional(Type.Boolean()),
    resetPassword: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const AuditQuery = Type.Object(
  {
    entityType: Type.Optional(Type.String({ maxLength: 40 })),
    entityId: Type.Optional(Type.String({ maxLength: 64 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

/** The signed-in user (`GET /api/session`). */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  agencyId: string;
  agencyName: string;
}

export interface SessionInfo {
  user: SessionUser;
  mustChangePassword: boolean;
  permissions: Permission[];
  csrfToken: string;
}

/** One of the user's own sign-in sessions (`GET /api/account/sessions`). */
export interface AccountSession {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string;
  userAgent: string;
}

/** A user as administrators see it (`GET /api/users`). */
export interface UserView {
  id: string;
  agencyId: string;
  agencyName: string;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  mustChangePassword: boolean;
  locked: boolean;
  disabled: boolean;
  lastLoginAt: string | null;
  version: number;
}

/** The disclosure-office fields (条例第十二条) and the bodies named in reply letters, as the API gives them. */
export interface AgencyFields {
  parentId: string | null;
  name: string;
  shortName: string | null;
  kind: AgencyKind;
  code: string;
  officeName: string;
  officeAddress: string;
  officeHours: string;
  officePhone: string;
  officeFax: string;
  officeEmail: string;
  officePostcode: string;
  website: string;
  /** 复议机关 set by hand; empty = derived from the tree (行政复议法第二十四条). */
  reconsiderationBody: string;
  /** 实行垂直领导 (行政复议法第二十七条). */
  verticallyLed: boolean;
  /** The 复议机关's online filing address (行政复议法第二十二条). */
  reconsiderationOnline: string;
  court: string;
  sortOrder: number;
}

/** An agency (`GET /api/agencies`). */
export interface AgencyView extends AgencyFields {
  id: string;
  /** The 复议机关 in force and how it was found (src/rules/remedies.ts); absent where not derived. */
  reconsiderationBodyInForce?: string;
  reconsiderationBasis?: string;
  reconsiderationSource?: ReconsiderationBody['source'];
  kindLabel: string;
  depth: number;
  updatedAt: string;
}

/** One audit record (`GET /api/audit`). */
export interface AuditRow {
  seq: number;
  at: string;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string;
  /** The tracking code, title or name of the entity (null when unknown or deleted). */
  entity_label: string | null;
  agency_name: string | null;
}

export interface AuditProblem {
  seq: number;
  kind: 'modified' | 'deleted' | 'relinked' | 'truncated';
  message: string;
}

/** The audit chain's check (`GET /api/audit/verify`, `gongkai audit verify`). */
export interface AuditVerifyResult {
  ok: boolean;
  count: number;
  problems: AuditProblem[];
}
