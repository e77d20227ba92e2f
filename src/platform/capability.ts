import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Migration } from 'kysely';
import type { CommandSpec } from './commands.js';
import type { AppContext } from './context.js';
import type { FieldCipher } from './crypto.js';
import type { Tx } from './db/index.js';
import type { PlatformDemo } from './demo/platform.seed.js';
import type { JobDefinition } from './jobs/jobs.js';

/**
 * What a capability (requests, publishing, reports, portal…) brings to the house. Each capability exports ONE
 * of these from its `index.ts`; the composition root (`src/capabilities.ts`) lists them in order and the
 * platform wires them (`buildApp`, `bootstrap`, the CLI, the job runner). The platform never imports a
 * capability: it only sees these descriptors.
 */
export interface Capability {
  /** Short English name ("requests"). */
  name: string;
  /** JSON API routes (registered after the platform's own routes, in the composition root's order). */
  routes?: (app: FastifyInstance, ctx: AppContext) => Promise<void>;
  /** Server-rendered public pages (registered after every capability's API routes). */
  publicPages?: (app: FastifyInstance, ctx: AppContext) => Promise<void>;
  /** Demo records, run in the composition root's order after the platform's agencies and staff. */
  seed?: (tx: Tx, ctx: AppContext, demo: PlatformDemo) => Promise<void>;
  /** CLI commands by name ("report check"). */
  commands?: Record<string, CommandSpec>;
  /** Background jobs, registered with `ctx.jobs` when the context is assembled. */
  jobs?: JobDefinition[];
  /**
   * Migrations by globally unique name ("0008-jobs-outbox"). All migrations of all capabilities are applied in
   * name order, so the order across capabilities is explicit in the names and stable for existing databases.
   */
  migrations?: Record<string, Migration>;
  /**
   * Key rotation (`gongkai key rotate`): re-seal every value the capability encrypted with `from` under `to`, and
   * recompute its blind indexes and stored MACs, inside the given transaction. Returns the rows rewritten.
   */
  rekey?: (tx: Tx, from: FieldCipher, to: FieldCipher) => Promise<number>;
  /** The HTML error page (one capability, the portal, provides it). */
  errorPage?: (status: number, message: string, req: FastifyRequest) => string;
}

/** Every migration: the platform's and the capabilities', by name; a name given twice is a programming error. */
export function collectMigrations(base: Record<string, Migration>, capabilities: readonly Capability[]): Record<string, Migration> {
  const out: Record<string, Migration> = { ...base };
  for (const c of capabilities) {
    for (const [name, m] of Object.entries(c.migrations ?? {})) {
      if (out[name]) throw new Error(`migration ${name} of ${c.name} is declared twice`);
      out[name] = m;
    }
  }
  return out;
}

/** Registers the capabilities' jobs with the context's runner. */
export function registerJobs(ctx: AppContext, capabilities: readonly Capability[]): void {
  for (const c of capabilities) for (const j of c.jobs ?? []) ctx.jobs.register(j);
}

/** A capability's demo seeder as its seed file exports it. */
export type CapabilitySeeder = { name: string; seed: NonNullable<Capability['seed']> };
