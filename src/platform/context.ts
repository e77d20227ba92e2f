import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { createFieldCipher, type FieldCipher } from './crypto.js';
import type { Db } from './db/index.js';
import { createJobRunner, type JobRunner } from './jobs/jobs.js';
import { createOutbox, outboxJob, type Outbox, type OutboxPolicy } from './outbox/outbox.js';
import { logSmsDriver, tencentSmsDriver } from './outbox/sms.js';
import { smtpDriver } from './outbox/smtp.js';

/** What a running Gongkai instance holds: passed to capabilities instead of globals. */
export interface AppContext {
  db: Db;
  config: Config;
  cipher: FieldCipher;
  /** Now and today (Beijing): every use case reads time from here, so tests can hold it still. */
  clock: Clock;
  /** Named background jobs (capabilities register theirs through the composition root). */
  jobs: JobRunner;
  /** Messages to send, written in the caller's transaction and delivered by the `outbox.deliver` job. */
  outbox: Outbox;
}

export interface ContextOptions {
  clock?: Clock;
  cipher?: FieldCipher;
  log?: (line: string) => void;
  outboxPolicy?: Partial<OutboxPolicy>;
}

/** Assembles a context around an open database; the platform's own job (outbox delivery) is registered. */
export function createContext(db: Db, config: Config, opts: ContextOptions = {}): AppContext {
  // The runner and the outbox reach the context lazily (it holds them).
  const jobs = createJobRunner(() => ctx, { log: opts.log });
  const outbox = createOutbox(() => ctx, { policy: opts.outboxPolicy, log: opts.log });
  const ctx: AppContext = { db, config, cipher: opts.cipher ?? createFieldCipher(config.secretKey), clock: opts.clock ?? systemClock, jobs, outbox };
  jobs.register(outboxJob());
  // The configured drivers: e-mail only with SMTP_URL; SMS through the log driver unless SMS_DRIVER=tencent.
  if (config.smtp) outbox.registerDriver('email', smtpDriver(config.smtp));
  const sms = config.sms ?? { driver: 'log' as const };
  outbox.registerDriver('sms', sms.driver === 'tencent' ? tencentSmsDriver(sms) : logSmsDriver(opts.log ?? (() => {})));
  return ctx;
}
