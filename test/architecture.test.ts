import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findViolations, importGraph, type ImportEdge, type Violation } from './helpers/architecture.js';

/**
 * Known violations, to be emptied: each entry must still occur (the list only shrinks), and nothing else may.
 */
const ALLOWED: Violation[] = [];

const key = (v: Violation) => `${v.rule}: ${v.from} → ${v.to}`;

describe('architecture: the import lines of src/', () => {
  const graph = importGraph(join(import.meta.dirname, '..', 'src'));

  it('reads a real graph', () => {
    expect(graph.length).toBeGreaterThan(300);
    expect(graph).toContainEqual({ from: 'requests/cases.service.ts', to: 'requests/cases.store.ts', relative: true });
    expect(graph).toContainEqual({ from: 'platform/db/index.ts', to: 'kysely', relative: false });
  });

  it('has no forbidden arrow beyond the shrinking allowlist, and every allowlisted one still exists', () => {
    const found = findViolations(graph).map(key).sort();
    expect(found).toEqual([...new Set(ALLOWED.map(key))].sort());
  });

  it('fails on planted forbidden imports (a synthetic graph)', () => {
    const planted: ImportEdge[] = [
      { from: 'platform/http/app.ts', to: 'portal/portal.routes.ts', relative: true },
      { from: 'platform/bootstrap.ts', to: 'capabilities.ts', relative: true },
      { from: 'rules/clock.ts', to: 'platform/time.ts', relative: true },
      { from: 'rules/fees.ts', to: 'kysely', relative: false },
      { from: 'rules/fees.ts', to: 'node:fs', relative: false },
      { from: 'reports/reports.aggregate.ts', to: 'requests/cases.store.ts', relative: true },
      // Allowed arrows: a capability's own store, the platform, the rules, test tools in rules.
      { from: 'requests/cases.service.ts', to: 'requests/cases.store.ts', relative: true },
      { from: 'requests/cases.service.ts', to: 'platform/db/index.ts', relative: true },
      { from: 'publishing/items.service.ts', to: 'rules/calendar/index.ts', relative: true },
      { from: 'rules/clock.test.ts', to: 'fast-check', relative: false },
      { from: 'rules/report/build.ts', to: 'rules/outcomes.ts', relative: true },
      { from: 'capabilities.ts', to: 'requests/index.ts', relative: true },
    ];
    expect(findViolations(planted).map(key)).toEqual([
      'platform-imports-capability: platform/http/app.ts → portal/portal.routes.ts',
      'platform-imports-capability: platform/bootstrap.ts → capabilities.ts',
      'rules-import-outside: rules/clock.ts → platform/time.ts',
      'rules-import-outside: rules/fees.ts → kysely',
      'rules-import-outside: rules/fees.ts → node:fs',
      'foreign-store: reports/reports.aggregate.ts → requests/cases.store.ts',
    ]);
  });
});
