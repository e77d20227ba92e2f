import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The house's import rules, checked on the import lines of every source file under src/:
 *  - platform/ imports no capability (nor the composition root src/capabilities.ts, nor src/cli.ts);
 *  - rules/ imports nothing outside src/rules (relative imports) and no package but the test tools;
 *  - no module imports another capability's *.store.ts (each capability owns its tables' queries).
 * Capabilities are the top-level folders of src/ other than platform/ and rules/.
 */

export interface ImportEdge {
  /** Importing file, relative to src/ ("requests/cases.service.ts"). */
  from: string;
  /** A path relative to src/ for relative imports ("platform/db/index.ts"), else the package name. */
  to: string;
  relative: boolean;
}

export interface Violation {
  rule: 'platform-imports-capability' | 'rules-import-outside' | 'foreign-store';
  from: string;
  to: string;
}

const RULES_PACKAGES = new Set(['vitest', 'fast-check']);

const top = (p: string) => p.split('/')[0]!;
const isCapabilityPath = (p: string) => p.includes('/') && !['platform', 'rules'].includes(top(p));
const isRoot = (p: string) => p === 'capabilities.ts' || p === 'cli.ts';

export function findViolations(edges: readonly ImportEdge[]): Violation[] {
  const out: Violation[] = [];
  for (const e of edges) {
    const fromTop = top(e.from);
    if (fromTop === 'platform' && e.relative && (isCapabilityPath(e.to) || isRoot(e.to)))
      out.push({ rule: 'platform-imports-capability', from: e.from, to: e.to });
    if (fromTop === 'rules' && (e.relative ? top(e.to) !== 'rules' || !e.to.includes('/') : !RULES_PACKAGES.has(e.to)))
      out.push({ rule: 'rules-import-outside', from: e.from, to: e.to });
    if (e.relative && /\.store\.ts$/.test(e.to) && isCapabilityPath(e.to) && top(e.to) !== fromTop) out.push({ rule: 'foreign-store', from: e.from, to: e.to });
  }
  return out;
}

const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The import edges of every .ts file under `srcDir` (tests included: they live beside their code). */
export function importGraph(srcDir: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) {
        const from = relative(srcDir, p).split('\\').join('/');
        for (const m of readFileSync(p, 'utf8').matchAll(IMPORT_RE)) {
          const spec = m[1] ?? m[2]!;
          if (spec.startsWith('.')) {
            const to = relative(srcDir, resolve(dirname(p), spec))
              .split('\\')
              .join('/')
              .replace(/\.js$/, '.ts');
            edges.push({ from, to, relative: true });
          } else {
            const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
            edges.push({ from, to: pkg, relative: false });
          }
        }
      }
    }
  };
  walk(srcDir);
  return edges;
}
