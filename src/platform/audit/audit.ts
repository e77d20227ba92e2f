import { sql } from 'kysely';
import type { Db, DbOrTx } from '../db/index.js';
import { canonicalJson, digest, sm3Hex } from '../crypto.js';
import { nowIso } from '../time.js';
import type { AuditProblem, AuditVerifyResult } from '../http/platform.api.js';

/**
 * The append-only audit trail: every write appends who, when, what and SM3 digests of the record before and
 * after; each entry's hash covers the previous entry's hash, so an edited or deleted row breaks the chain.
 */

export interface Actor {
  id: string | null;
  name: string;
  agencyId?: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: '系统' };

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  agencyId?: string | null;
  before?: unknown;
  after?: unknown;
  detail?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

interface ChainFields {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  agency_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before_digest: string | null;
  after_digest: string | null;
  detail: string | null;
}

function chainHash(prev: string, f: ChainFields): string {
  return sm3Hex(`${prev}|${canonicalJson({ ...f, seq: Number(f.seq) })}`);
}

/** Appends one audit record inside the caller's transaction (so the record and the change land together). */
export async function recordAudit(tx: DbOrTx, actor: Actor, entry: AuditEntry): Promise<number> {
  // Bumping the head row first takes its row lock on PostgreSQL: concurrent appends queue up behind it.
  const head = await tx.updateTable('audit_head').set({ seq: sql`seq + 1` }).where('id', '=', 1).returning(['seq', 'hash']).executeTakeFirstOrThrow();
  const fields: ChainFields = {
    seq: Number(head.seq),
    at: nowIso(),
    actor_id: actor.id,
    actor_name: actor.name,
    agency_id: entry.agencyId ?? actor.agencyId ?? null,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before_digest: entry.before === undefined ? null : digest(entry.before),
    after_digest: entry.after === undefined ? null : digest(entry.after),
    detail: entry.detail ? canonicalJson(entry.detail) : null,
  };
  const hash = chainHash(head.hash, fields);
  await tx
    .insertInto('audit_log')
    .values({ ...fields, prev_hash: head.hash, hash })
    .execute();
  await tx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
  return fields.seq;
}

/** Walks the whole chain and lists every record that was changed or deleted, in Chinese. */
export async function verifyAudit(db: Db, batch = 5000): Promise<AuditVerifyResult> {
  const problems: AuditProblem[] = [];
  let expectedSeq = 1;
  let prevHash = GENESIS;
  let count = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(batch).execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq > expectedSeq) {
        problems.push({
          seq: expectedSeq,
          kind: 'deleted',
          message: seq - expectedSeq === 1 ? `第 ${expectedSeq} 条审计记录已被删除。` : `第 ${expectedSeq} 至 ${seq - 1} 条审计记录已被删除。`,
        });
      }
      const fields: ChainFields = {
        seq,
        at: r.at,
        actor_id: r.actor_id,
        actor_name: r.actor_name,
        agency_id: r.agency_id,
        action: r.action,
        entity_type: r.entity_type,
        entity_id: r.entity_id,
        before_digest: r.before_digest,
        after_digest: r.after_digest,
        detail: r.detail,
      };
      const recomputed = chainHash(r.prev_hash, fields);
      if (recomputed !== r.hash) {
        problems.push({
          seq,
          kind: 'modified',
          message: `第 ${seq} 条审计记录（${r.at}，${r.actor_name}，${r.action} ${r.entity_type}:${r.entity_id}）的内容已被修改，与其哈希值不符。`,
        });
      } else if (seq === expectedSeq && r.prev_hash !== prevHash) {
        problems.push({ seq, kind: 'relinked', message: `第 ${seq} 条审计记录与前一条记录的链接不符，前一条记录已被修改或替换。` });
      }
      prevHash = r.hash;
      expectedSeq = seq + 1;
      count++;
    }
  }
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  if (head && Number(head.seq) >= expectedSeq) {
    problems.push({ seq: expectedSeq, kind: 'truncated', message: `审计链末尾的第 ${expectedSeq} 至 ${Number(head.seq)} 条记录已被删除。` });
  } else if (head && Number(head.seq) === expectedSeq - 1 && head.hash !== prevHash && count > 0) {
    problems.push({ seq: expectedSeq - 1, kind: 'modified', message: `最后一条审计记录（第 ${expectedSeq - 1} 条）与链头记录不符，已被修改或替换。` });
  }
  return { ok: problems.length === 0, count, problems };
}
