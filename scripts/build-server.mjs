// Compiles the server and CLI into dist/cli.js with esbuild (dependencies stay external). Code splitting: what
// `src/cli.ts` imports lazily (the composition root, the cluster) goes into dist/chunks/, so that `--help` and
// usage errors start without loading the server. Each worker-pool task module is an entry of its own,
// dist/workers/NAME.js (src/platform/workers/pool.ts `workerModule` finds them there), sharing the chunks.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist/chunks', { recursive: true, force: true });
await build({
  entryPoints: {
    cli: 'src/cli.ts',
    'workers/report-check': 'src/reports/check/check.worker.ts',
    'workers/attachment-text': 'src/publishing/attachment-text.worker.ts',
  },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: true,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);" },
});
