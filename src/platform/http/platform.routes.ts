import type { ReconsiderationBody } from '../../rules/remedies.js';
import { Type } from '@fastify/type-provider-typebox';
import { withEntityLabels } from '../audit/entity-labels.js';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import * as contacts from '../auth/staff-contacts.js';
import * as accounts from '../auth/accounts.service.js';
import { permissionsOf, ROLE_LABELS } from '../auth/permissions.js';
import * as agencies from '../org/agencies.service.js';
import { ping } from '../db/index.js';
import { verifyAudit } from '../audit/audit.js';
import { resolveSession } from '../auth/sessions.js';
import { clearSessionCookie, csrfToken, requirePermission, requireUser, setSessionCookie } from './auth-plugin.js';

/** Thin routes for the platform: health, sessions, account, agencies, users, audit. */

const RoleT = Type.Union(Object.keys(ROLE_LABELS).map((r) => Type.Literal(r))) as any;
const Err = Type.Object({ error: Type.String(), message: Type.String() });

const AgencyBody = Type.Object(
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

export function agencyView(a: agencies.Agency, derived?: ReconsiderationBody) {
  return {
    verticallyLed: a.vertically_led === 1,
    reconsiderationOnline: a.reconsideration_online,
    /** The 复议机关 in force (override or derived by 行政复议法第二十四条、第二十七条) and how it was found. */
    ...(derived ? { reconsiderationBodyInForce: derived.name, reconsiderationBasis: derived.basis, reconsiderationSource: derived.source } : {}),
    id: a.id,
    parentId: a.parent_id,
    name: a.name,
    shortName: a.short_name,
    kind: a.kind,
    kindLabel: agencies.AGENCY_KIND_LABELS[a.kind],
    code: a.code,
    depth: a.path.split('/').filter(Boolean).length - 1,
    officeName: a.office_name,
    officeAddress: a.office_address,
    officeHours: a.office_hours,
    officePhone: a.office_phone,
    officeFax: a.office_fax,
    officeEmail: a.office_email,
    officePostcode: a.office_postcode,
    website: a.website,
    reconsiderationBody: a.reconsideration_body,
    court: a.court,
    sortOrder: a.sort_order,
    updatedAt: a.updated_at,
  };
}

export async function platformRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;
  const policy = { idleMinutes: ctx.config.sessionIdleMinutes, absoluteHours: ctx.config.sessionAbsoluteHours };

  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    const ok = await ping(db);
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'database_unreachable' });
  });

  app.get('/api/csrf', { schema: { tags: ['session'], summary: '取得 CSRF 令牌' } }, async (req, reply) => ({ csrfToken: csrfToken(ctx, req, reply) }));

  const sessionView = async (req: any, reply: any) => {
    const p = requireUser(req, { allowPasswordChangePending: true });
    const agency = await agencies.getAgency(db, p.agencyId);
    return {
      user: {
        id: p.userId,
        username: p.username,
        displayName: p.displayName,
        role: p.role,
        roleLabel: ROLE_LABELS[p.role],
        agencyId: p.agencyId,
        agencyName: agency?.name ?? '',
      },
      mustChangePassword: p.mustChangePassword,
      permissions: permissionsOf(p.role),
      csrfToken: csrfToken(ctx, req, reply),
    };
  };

  app.get('/api/session', { schema: { tags: ['session'], summary: '当前登录信息' } }, sessionView);

  app.post(
    '/api/session',
    {
      config: { rateLimit: { max: ctx.config.loginRateLimit, timeWindow: '1 minute', groupId: 'sign-in' } },
      schema: {
        tags: ['session'],
        summary: '登录',
        body: Type.Object(
          { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
          { additionalProperties: false },
        ),
        response: { 401: Err, 423: Err },
      },
    },
    async (req, reply) => {
      const body = req.body as { username: string; password: string };
      const old = req.principal;
      const res = await accounts.signIn(db, body, policy, { ip: req.ip, userAgent: String(req.headers['user-agent'] ?? '') });
      if (old) await accounts.signOut(db, old).catch(() => undefined);
      setSessionCookie(ctx, reply, res.token);
      req.principal = await resolveSession(db, res.token, policy);
      return sessionView(req, reply);
    },
  );

  app.delete('/api/session', { schema: { tags: ['session'], summary: '退出登录' } }, async (req, reply) => {
    const p = requireUser(req, { allowPasswordChangePending: true });
    await accounts.signOut(db, p);
    clearSessionCookie(reply);
    return { ok: true };
  });

  app.post(
    '/api/account/password',
    {
      schema: {
        tags: ['account'],
        summary: '修改密码',
        body: Type.Object(
          { currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Type.String({ minLength: 1, maxLength: 256 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const p = requireUser(req, { allowPasswordChangePending: true });
      const body = req.body as { currentPassword: string; newPassword: string };
      await accounts.changePassword(db, p, body.currentPassword, body.newPassword);
      return { ok: true };
    },
  );

  app.get('/api/account/sessions', { schema: { tags: ['account'], summary: '我的登录会话' } }, async (req) => {
    const p = requireUser(req, { allowPasswordChangePending: true });
    const rows = await accounts.listSessions(db, p);
    return rows.map((s) => ({
      id: s.id,
      current: s.id === p.sessionId,
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      expiresAt: s.expires_at,
      ip: s.ip,
      userAgent: s.user_agent,
    }));
  });

  app.delete(
    '/api/account/sessions/:id',
    { schema: { tags: ['account'], summary: '注销一个会话', params: Type.Object({ id: Type.String({ maxLength: 64 }) }) } },
    async (req) => {
      const p = requireUser(req, { allowPasswordChangePending: true });
      await accounts.revokeOwnSession(db, p, (req.params as { id: string }).id);
      return { ok: true };
    },
  );

  const ContactsBody = Type.Object(
    {
      version: Type.Integer({ minimum: 1 }),
      email: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
      mobile: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
      channel: Type.Optional(Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('none')])),
      remindDays: Type.Optional(Type.Integer({ minimum: 1, maximum: contacts.REMIND_DAYS_MAX })),
    },
    { additionalProperties: false },
  );
  const UserId = Type.Object({ id: Type.String({ maxLength: 64 }) });
  app.get('/api/account/contacts', { schema: { tags: ['account'], summary: '个人设置：联系方式、通知方式和到期提醒' } }, async (req) =>
    contacts.myContacts(ctx, requireUser(req)),
  );
  app.put('/api/account/contacts', { schema: { tags: ['account'], summary: '修改个人设置：联系方式、通知方式和到期提醒', body: ContactsBody } }, async (req) =>
    contacts.updateMyContacts(ctx, requireUser(req), req.body as contacts.ContactsInput),
  );
  app.get('/api/users/:id/contacts', { schema: { tags: ['users'], summary: '用户的联系方式和通知设置', params: UserId } }, async (req) =>
    contacts.userContacts(ctx, requirePermission(req, 'org.manage'), (req.params as { id: string }).id),
  );
  app.put(
    '/api/users/:id/contacts',
    { schema: { tags: ['users'], summary: '修改用户的联系方式和通知设置', params: UserId, body: ContactsBody } },
    async (req) =>
      contacts.updateUserContacts(ctx, requirePermission(req, 'org.manage'), (req.params as { id: string }).id, req.body as contacts.ContactsInput),
  );

  app.get('/api/agencies', { schema: { tags: ['agencies'], summary: '可见的机关' } }, async (req) => {
    const p = requireUser(req);
    const bodies = agencies.reconsiderationBodiesOf(await agencies.listAllAgencies(db));
    return (await agencies.listVisibleAgencies(db, p)).map((a) => agencyView(a, bodies.get(a.id)));
  });

  app.post('/api/agencies', { schema: { tags: ['agencies'], summary: '新建机关', body: AgencyBody } }, async (req, reply) => {
    const p = requirePermission(req, 'org.manage');
    const a = await agencies.createAgency(db, p, req.body as agencies.AgencyInput);
    return reply.status(201).send(agencyView(a, await agencies.reconsiderationBodyFor(db, a)));
  });

  app.put(
    '/api/agencies/:id',
    {
      schema: {
        tags: ['agencies'],
        summary: '修改机关信息',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        body: Type.Object({ ...AgencyBody.properties, updatedAt: Type.String({ maxLength: 40 }) }, { additionalProperties: false }),
      },
    },
    async (req) => {
      const p = requirePermission(req, 'org.manage');
      const a = await agencies.updateAgency(db, p, (req.params as { id: string }).id, req.body as agencies.AgencyInput & { updatedAt: string });
      return agencyView(a, await agencies.reconsiderationBodyFor(db, a));
    },
  );

  app.get('/api/users', { schema: { tags: ['users'], summary: '用户列表' } }, async (req) => accounts.listUsers(db, requirePermission(req, 'org.manage')));

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: '新建用户（生成一次性初始密码）',
        body: Type.Object(
          {
            agencyId: Type.String({ maxLength: 64 }),
            username: Type.String({ minLength: 3, maxLength: 32 }),
            displayName: Type.String({ minLength: 1, maxLength: 50 }),
            role: RoleT,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const p = requirePermission(req, 'org.manage');
      return reply.status(201).send(await accounts.createUser(db, p, req.body as any));
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: '修改用户、解锁或重置密码',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        body: Type.Object(
          {
            version: Type.Integer({ minimum: 1 }),
            displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
            role: Type.Optional(RoleT),
            disabled: Type.Optional(Type.Boolean()),
            unlock: Type.Optional(Type.Boolean()),
            resetPassword: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => accounts.updateUser(db, requirePermission(req, 'org.manage'), (req.params as { id: string }).id, req.body as any),
  );

  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计记录',
        querystring: Type.Object(
          {
            entityType: Type.Optional(Type.String({ maxLength: 40 })),
            entityId: Type.Optional(Type.String({ maxLength: 64 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const p = requirePermission(req, 'audit.read');
      const q = req.query as { entityType?: string; entityId?: string; limit?: number };
      let query = db
        .selectFrom('audit_log')
        .leftJoin('agencies', 'agencies.id', 'audit_log.agency_id')
        .select([
          'audit_log.seq',
          'audit_log.at',
          'audit_log.actor_name',
          'audit_log.action',
          'audit_log.entity_type',
          'audit_log.entity_id',
          'agencies.name as agency_name',
        ])
        .where('agencies.path', 'like', `${p.agencyPath}%`);
      if (q.entityType) query = query.where('audit_log.entity_type', '=', q.entityType);
      if (q.entityId) query = query.where('audit_log.entity_id', '=', q.entityId);
      return withEntityLabels(
        db,
        await query
          .orderBy('audit_log.seq', 'desc')
          .limit(q.limit ?? 100)
          .execute(),
      );
    },
  );

  app.get('/api/audit/verify', { schema: { tags: ['audit'], summary: '校验审计链' } }, async (req) => {
    requirePermission(req, 'audit.read');
    return verifyAudit(db);
  });
}
