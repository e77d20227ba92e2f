import type { FastifyInstance } from 'fastify';
import type { Migration } from 'kysely';
import { bootstrap } from './platform/bootstrap.js';
import { collectMigrations, type Capability } from './platform/capability.js';
import type { CommandSpec } from './platform/commands.js';
import type { Config } from './platform/config.js';
import type { AppContext, ContextOptions } from './platform/context.js';
import { inbox } from './inbox/index.js';
import type { Db } from './platform/db/index.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { migrations as platformMigrations } from './platform/db/migrations/index.js';
import { buildApp } from './platform/http/app.js';
import { portal } from './portal/index.js';
import { publishing } from './publishing/index.js';
import { reports } from './reports/index.js';
import { requests } from './requests/index.js';
import { supervision } from './supervision/index.js';

/**
 * The composition root: the one list of capabilities. Their order is the order of route registration, of
 * demo seeding (requests before publishing before reports, which reads both) and of `jobs list`; the portal
 * comes last because its pages are the catch-all public shell.
 */
export const CAPABILITIES: readonly Capability[] = [requests, publishing, reports, supervision, inbox, portal];

/** Every migration: the platform's and each capability's (applied together in name order). */
export const MIGRATIONS: Record<string, Migration> = collectMigrations(platformMigrations, CAPABILITIES);

/** Brings a database to the latest layout (every capability's tables): tests, benches and tools that open a bare `Db`. */
export function migrateDatabase(db: Db): Promise<string[]> {
  return migrateToLatest(db, MIGRATIONS);
}

/** Opens the database with every capability (migrations, jobs, demo data on an empty database). */
export function openContext(config: Config, opts: { seed?: boolean; log?: (line: string) => void } & ContextOptions = {}): Promise<AppContext> {
  return bootstrap(config, CAPABILITIES, opts);
}

/** The HTTP application with every capability. */
export function createApp(ctx: AppContext, opts: { logger?: boolean; logStream?: NodeJS.WritableStream } = {}): Promise<FastifyInstance> {
  return buildApp(ctx, CAPABILITIES, opts);
}

/** Every capability's CLI commands by name. */
export const COMMANDS: Record<string, CommandSpec> = Object.assign({}, ...CAPABILITIES.map((c) => c.commands ?? {}));
