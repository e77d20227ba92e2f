import type { Capability } from '../platform/capability.js';
import { publishingMigrations } from './migrations/index.js';
import { invalidatePages } from '../platform/web/page-cache.js';
import { PUBLISHING_IMPORT_USAGE, publishingImportCommand, publishingTemplateCommand } from './document-import.command.js';
import { columnRoutes } from './column/column.routes.js';
import { runDueReleases } from './items.service.js';
import { publishingRoutes } from './publishing.routes.js';
import { publishingSeeder } from './publishing.seed.js';
import { rekeyPublishing } from './rekey.js';

/** 主动公开: the catalogue, items with their review chain, releases, registers and the public column. */
export const publishing: Capability = {
  name: 'publishing',
  migrations: publishingMigrations,
  routes: publishingRoutes,
  publicPages: columnRoutes,
  seed: publishingSeeder.seed,
  commands: {
    'publishing import': { usage: PUBLISHING_IMPORT_USAGE, run: publishingImportCommand },
    'publishing template': { usage: PUBLISHING_IMPORT_USAGE, run: publishingTemplateCommand },
  },
  rekey: rekeyPublishing,
  jobs: [
    {
      name: 'publishing.scheduled-releases',
      title: '发布到达预定时间的主动公开信息',
      schedule: { everySeconds: 60 },
      run: async (ctx) => {
        const n = await runDueReleases(ctx.db, ctx.clock.now());
        if (n) await invalidatePages(ctx.db);
        return { changed: n, message: n ? `按预定时间发布了 ${n} 条信息。` : '没有到达预定发布时间的信息。' };
      },
    },
  ],
};
