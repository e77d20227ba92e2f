import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { transformWithEsbuild, type Plugin } from 'vite';

/**
 * `import.meta.glob('./views/**\/*.vue', { query: '?meta', eager: true })` yields only each view's plain
 * `<script lang="ts">` block (its `page` / `card` declaration), so the registry knows every page and card
 * at start-up while the components themselves load lazily, one chunk per page.
 */
const PREFIX = '\0gk-view-meta:';

/** The first <script> block without `setup`, or '' (exported for the tests). */
export function metaBlock(sfc: string): string {
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script>/g;
  for (let m = re.exec(sfc); m; m = re.exec(sfc)) if (!/\bsetup\b/.test(m[1])) return m[2];
  return '';
}

export function viewMeta(): Plugin {
  return {
    name: 'gongkai-view-meta',
    enforce: 'pre',
    resolveId(source, importer) {
      const [path, query] = source.split('?');
      if (query !== 'meta' || !path.endsWith('.vue')) return null;
      const file = importer && !path.startsWith('/') ? resolve(dirname(importer.split('?')[0]), path) : path;
      // The suffix keeps @vitejs/plugin-vue (which claims ids ending in .vue) away from this module.
      return `${PREFIX}${file}.meta.ts`;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -'.meta.ts'.length);
      this.addWatchFile(file);
      let code = metaBlock(readFileSync(file, 'utf8'));
      if (!/export\s+const\s+page\b/.test(code)) code += '\nexport const page = undefined;';
      if (!/export\s+const\s+card\b/.test(code)) code += '\nexport const card = undefined;';
      // Relative imports in the block are relative to the .vue file.
      code = code.replace(
        /(from\s+|import\s*\(\s*)(['"])(\.{1,2}\/[^'"]+)\2/g,
        (_m, pre: string, q: string, rel: string) => `${pre}${q}${resolve(dirname(file), rel)}${q}`,
      );
      const out = await transformWithEsbuild(code, `${file}.meta.ts`, { loader: 'ts' });
      return { code: out.code, map: out.map };
    },
  };
}
