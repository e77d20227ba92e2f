// @vitest-environment happy-dom
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { buildRequestsTable, emptyReport, STANDARD_SENTENCES } from '../../rules/report/index.js';
import { renderReportHtml } from './html.js';

describe('rendered HTML accessibility', () => {
  it('has no axe violations in the tables and structure', async () => {
    const r = emptyReport('某某市某某局', 2024);
    r.tables.requests = buildRequestsTable(
      [
        { applicant: 'natural_person', kind: 'new', count: 2 },
        { applicant: 'natural_person', kind: 'closed', outcome: 'disclosed', count: 2 },
      ],
      '2021',
    );
    const html = renderReportHtml(r, { chapters: { overview: '概述。', requests: STANDARD_SENTENCES.requests } });
    document.documentElement.innerHTML = html.replace(/^<!DOCTYPE html>\s*<html lang="zh-CN">/, '').replace(/<\/html>\s*$/, '');
    document.documentElement.setAttribute('lang', 'zh-CN');
    const result = await axe.run(document, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    expect(result.passes.map((p) => p.id)).toEqual(expect.arrayContaining(['scope-attr-valid', 'th-has-data-cells', 'html-has-lang', 'document-title']));
  });
});
