import type { ReconsiderationBody } from '../../rules/remedies.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { withEntityLabels } from '../audit/entity-labels.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import * as contacts from '../auth/staff-contacts.js';
import * as accounts from '../auth/accounts.service.js';
import { permissionsOf, ROLE_LABELS } from '../auth/permissions.js';
import * as agencies from '../org/agencies.service.js';
import { ping } from '../db/index.js';
import { verifyAudit } from '../audit/audit.js';
import { resolveSession } from '../auth/sessions.js';
import {
  type AccountSession,
  type AgencyView,
  type AuditRow,
  AgencyBody,
  AgencyUpdateBody,
  AuditQuery,
  ChangePasswordBody,
  ContactsBody,
  CreateUserBody,
  Err,
  IdParams,
  SignInBody,
  UpdateUserBody,
  type SessionInfo,
} from './platform.api.js';
import { clearSessionCookie, csrfToken, requirePermission, requireUser, setSessionCookie } from './auth-plugin.js';

/** Thin routes for the platform: health, sessions, account, agencies, users, audit. */

export function agencyView(a: agencies.Agency, derived?: ReconsiderationBody): AgencyView {
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
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;
  const policy = { idleMinutes: ctx.config.sessionIdleMinutes, absoluteHours: ctx.config.sessionAbsoluteHours };

  r.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    const ok = await ping(db);
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'database_unreachable' });
  });

  r.get('/api/csrf', { schema: { tags: ['session'], summary: '取得 CSRF 令牌' } }, async (req, reply) => ({ csrfToken: csrfToken(ctx, req, reply) }));

  /** Sends the session (a plain reply: the sign-in route's typed reply only knows its error schemas). */
  const sessionView = async (req: FastifyRequest, reply: FastifyReply) => {
    const p = requireUser(req, { allowPasswordChangePending: true });
    const agency = await agencies.getAgency(db, p.agencyId);
    const info: SessionInfo = {
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
    return reply.send(info);
  };

  r.get('/api/session', { schema: { tags: ['session'], summary: '当前登录信息' } }, sessionView);

  r.post(
    '/api/session',
    {
      config: { rateLimit: { max: ctx.config.loginRateLimit, timeWindow: '1 minute', groupId: 'sign-in' } },
      schema: {
        tags: ['session'],
        summary: '登录',
        body: SignInBody,
        response: { 401: Err, 423: Err },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const old = req.principal;
      const res = await accounts.signIn(db, body, policy, { ip: req.ip, userAgent: String(req.headers['user-agent'] ?? '') });
      if (old) await accounts.signOut(db, old).catch(() => undefined);
      setSessionCookie(ctx, reply, res.token);
      req.principal = await resolveSession(db, res.token, policy);
      return sessionView(req, reply);
    },
  );

  r.delete('/api/session', { schema: { tags: ['session'], summary: '退出登录' } }, async (req, reply) => {
    const p = requireUser(req, { allowPasswordChangePending: true });
    await accounts.signOut(db, p);
    clearSessionCookie(reply);
    return { ok: true };
  });

  r.post(
    '/api/account/password',
    {
      schema: {
        tags: ['account'],
        summary: '修改密码',
        body: ChangePasswordBody,
      },
    },
    async (req) => {
      const p = requireUser(req, { allowPasswordChangePending: true });
      const body = req.body;
      await accounts.changePassword(db, p, body.currentPassword, body.newPassword);
      return { ok: true };
    },
  );

  r.get('/api/account/sessions', { schema: { tags: ['account'], summary: '我的登录会话' } }, async (req): Promise<AccountSession[]> => {
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

  r.delete('/api/account/sessions/:id', { schema: { tags: ['account'], summary: '注销一个会话', params: IdParams } }, async (req) => {
    const p = requireUser(req, { allowPasswordChangePending: true });
    await accounts.revokeOwnSession(db, p, req.params.id);
    return { ok: true };
  });

  r.get('/api/account/contacts', { schema: { tags: ['account'], summary: '个人设置：联系方式、通知方式和到期提醒' } }, async (req) =>
    contacts.myContacts(ctx, requireUser(req)),
  );
  r.put('/api/account/contacts', { schema: { tags: ['account'], summary: '修改个人设置：联系方式、通知方式和到期提醒', body: ContactsBody } }, async (req) =>
    contacts.updateMyContacts(ctx, requireUser(req), req.body),
  );
  r.get('/api/users/:id/contacts', { schema: { tags: ['users'], summary: '用户的联系方式和通知设置', params: IdParams } }, async (req) =>
    contacts.userContacts(ctx, requirePermission(req, 'org.manage'), req.params.id),
  );
  r.put(
    '/api/users/:id/contacts',
    { schema: { tags: ['users'], summary: '修改用户的联系方式和通知设置', params: IdParams, body: ContactsBody } },
    async (req) => contacts.updateUserContacts(ctx, requirePermission(req, 'org.manage'), req.params.id, req.body),
  );

  r.get('/api/agencies', { schema: { tags: ['agencies'], summary: '可见的机关' } }, async (req) => {
    const p = requireUser(req);
    const bodies = agencies.reconsiderationBodiesOf(await agencies.listAllAgencies(db));
    return (await agencies.listVisibleAgencies(db, p)).map((a) => agencyView(a, bodies.get(a.id)));
  });

  r.post('/api/agencies', { schema: { tags: ['agencies'], summary: '新建机关', body: AgencyBody } }, async (req, reply) => {
    const p = requirePermission(req, 'org.manage');
    const a = await agencies.createAgency(db, p, req.body);
    return reply.status(201).send(agencyView(a, await agencies.reconsiderationBodyFor(db, a)));
  });

  r.put(
    '/api/agencies/:id',
    {
      schema: {
        tags: ['agencies'],
        summary: '修改机关信息',
        params: IdParams,
        body: AgencyUpdateBody,
      },
    },
    async (req) => {
      const p = requirePermission(req, 'org.manage');
      const a = await agencies.updateAgency(db, p, req.params.id, req.body);
      return agencyView(a, await agencies.reconsiderationBodyFor(db, a));
    },
  );

  r.get('/api/users', { schema: { tags: ['users'], summary: '用户列表' } }, async (req) => accounts.listUsers(db, requirePermission(req, 'org.manage')));

  r.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: '新建用户（生成一次性初始密码）',
        body: CreateUserBody,
      },
    },
    async (req, reply) => {
      const p = requirePermission(req, 'org.manage');
      return reply.status(201).send(await accounts.createUser(db, p, req.body));
    },
  );

  r.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: '修改用户、解锁或重置密码',
        params: IdParams,
        body: UpdateUserBody,
      },
    },
    async (req) => accounts.updateUser(db, requirePermission(req, 'org.manage'), req.params.id, req.body),
  );

  r.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计记录',
        querystring: AuditQuery,
      },
    },
    async (req): Promise<AuditRow[]> => {
      const p = requirePermission(req, 'audit.read');
      const q = req.query;
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

  r.get('/api/audit/verify', { schema: { tags: ['audit'], summary: '校验审计链' } }, async (req) => {
    requirePermission(req, 'audit.read');
    return verifyAudit(db);
  });
}
