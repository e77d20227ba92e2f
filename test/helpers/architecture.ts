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

/** A capability's source naming a table another capability owns (its `*.tables.ts` declares it). */
export interface ForeignTable {
  from: string;
  table: string;
  owner: string;
}

const TABLES_BLOCK_RE = /interface\s+Database\s*\{([^}]*)\}/g;
const QUERY_RE = /\b(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*['"]([a-z_]+)(?:\s+as\s+\w+)?['"]/g;
const SQL_RE = /\bsql(?:<[^>`]*>)?`([^`]*)`/g;

/** Which capability owns each table: the `interface Database` entries of the `*.tables.ts` files of capabilities. */
export function tableOwners(files: ReadonlyMap<string, string>): Map<string, string> {
  const owners = new Map<string, string>();
  for (const [path, text] of files) {
    if (!path.endsWith('.tables.ts') || !isCapabilityPath(path)) continue;
    for (const block of text.matchAll(TABLES_BLOCK_RE)) for (const m of block[1]!.matchAll(/^\s*([a-z_]+)\s*:/gm)) owners.set(m[1]!, top(path));
  }
  return owners;
}

/** Every place a capability's source names another capability's table in a query builder call or an sql`` template. */
export function findForeignTables(files: ReadonlyMap<string, string>, owners: ReadonlyMap<string, string>): ForeignTable[] {
  const out: ForeignTable[] = [];
  for (const [path, text] of files) {
    if (!isCapabilityPath(path)) continue;
    const named = new Set<string>();
    for (const m of text.matchAll(QUERY_RE)) named.add(m[1]!);
    for (const m of text.matchAll(SQL_RE)) for (const w of m[1]!.matchAll(/\b[a-z_]+\b/g)) if (owners.has(w[0])) named.add(w[0]);
    for (const table of [...named].sort()) {
      const owner = owners.get(table);
      if (owner && owner !== top(path)) out.push({ from: path, table, owner });
    }
  }
  return out;
}

/** The text of every non-test .ts file under `srcDir`, by path relative to src/. */
export function sourceFiles(srcDir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) files.set(relative(srcDir, p).split('\\').join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(srcDir);
  return files;
}
