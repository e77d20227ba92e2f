import type { Component } from 'vue';
import { defineAsyncComponent, markRaw } from 'vue';
import { Bell, DataAnalysis, Document, Files, HomeFilled, Setting, TrendCharts } from '@element-plus/icons-vue';
import type { Permission } from './types.js';

/**
 * The console's one registry of pages, menu items and dashboard cards.
 *
 * Adding a page is one file: put `views/<section>/SomePage.vue` with, beside its `<script setup>`, a plain
 * `<script lang="ts">` block that exports `page`:
 *
 *   <script lang="ts">
 *   import type { PageMeta } from '@/registry';
 *   export const page: PageMeta = { section: 'cases', path: '/cases/new', title: '登记申请', menu: true, order: 20, permission: 'cases.write' };
 *   </script>
 *
 * The router and the sidebar pick it up. A dashboard card is the same with `export const card: CardMeta`.
 * Files under views/ that export neither (dialogs, parts) are ordinary components.
 */

export type SectionKey = 'dashboard' | 'inbox' | 'cases' | 'publishing' | 'reports' | 'supervision' | 'system' | 'account';

export interface Section {
  key: SectionKey;
  title: string;
  icon: Component;
  order: number;
}

/** The sidebar's top level, in order. A section with one menu page shows as a single item. */
export const SECTIONS: Section[] = [
  { key: 'dashboard', title: '工作台', icon: markRaw(HomeFilled), order: 0 },
  { key: 'inbox', title: '待我处理', icon: markRaw(Bell), order: 5 },
  { key: 'cases', title: '依申请公开', icon: markRaw(Files), order: 10 },
  { key: 'publishing', title: '主动公开', icon: markRaw(Document), order: 20 },
  { key: 'reports', title: '年度报告', icon: markRaw(TrendCharts), order: 30 },
  { key: 'supervision', title: '监督考核', icon: markRaw(DataAnalysis), order: 40 },
  { key: 'system', title: '系统管理', icon: markRaw(Setting), order: 90 },
];

export interface PageMeta {
  section: SectionKey;
  /** Absolute path, e.g. '/cases' or '/cases/:id'. */
  path: string;
  /** Page title: browser tab, breadcrumb and heading. */
  title: string;
  /** Shown in the sidebar (true: under its title; a string: under that label). Detail pages leave it out. */
  menu?: boolean | string;
  /** Order within the section's menu. */
  order?: number;
  /** Needed to open the page; any of them when a list. Pages without one are open to every signed-in user. */
  permission?: Permission | Permission[];
  /** Route name; defaults to the path. */
  name?: string;
}

export interface CardMeta {
  /** Lower first. */
  order: number;
  /** Grid columns out of 24 on wide screens. */
  span?: number;
  permission?: Permission | Permission[];
}

export interface RegisteredPage extends PageMeta {
  name: string;
  /** Loads the page's chunk on first visit. */
  component: () => Promise<Component>;
}

export interface RegisteredCard extends CardMeta {
  id: string;
  component: Component;
}

interface ViewMeta {
  page?: PageMeta;
  card?: CardMeta;
}

// Only the `<script lang="ts">` blocks, eagerly (see view-meta.plugin.ts); the components load lazily.
const metas = import.meta.glob<ViewMeta>(['./views/*/**/*.vue', '!./views/**/parts/**'], { query: '?meta', eager: true });
const loaders = import.meta.glob<Component>(['./views/*/**/*.vue', '!./views/**/parts/**'], { import: 'default' });

export const PAGES: RegisteredPage[] = [];
export const CARDS: RegisteredCard[] = [];

for (const [file, meta] of Object.entries(metas)) {
  const load = loaders[file];
  if (!load) continue;
  if (meta.page) PAGES.push({ ...meta.page, name: meta.page.name ?? meta.page.path, component: load });
  if (meta.card) CARDS.push({ ...meta.card, id: file, component: markRaw(defineAsyncComponent(load)) });
}
PAGES.sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.path.localeCompare(b.path));
CARDS.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));

/** Whether someone with these permissions may open a page or see a card. */
export function allowed(required: Permission | Permission[] | undefined, held: readonly Permission[]): boolean {
  if (!required) return true;
  const list = Array.isArray(required) ? required : [required];
  return list.length === 0 || list.some((p) => held.includes(p));
}

export interface MenuItem {
  key: string;
  title: string;
  icon?: Component;
  path?: string;
  children?: MenuItem[];
}

/** The sidebar for a user: sections with at least one page they may open. */
export function menuFor(held: readonly Permission[]): MenuItem[] {
  const items: MenuItem[] = [];
  for (const s of [...SECTIONS].sort((a, b) => a.order - b.order)) {
    const pages = PAGES.filter((p) => p.section === s.key && p.menu && allowed(p.permission, held));
    if (pages.length === 0) continue;
    if (pages.length === 1) {
      items.push({ key: pages[0].path, title: s.title, icon: s.icon, path: pages[0].path });
    } else {
      items.push({
        key: `section:${s.key}`,
        title: s.title,
        icon: s.icon,
        children: pages.map((p) => ({ key: p.path, title: typeof p.menu === 'string' ? p.menu : p.title, path: p.path })),
      });
    }
  }
  return items;
}

export function sectionOf(key: SectionKey): Section | undefined {
  return SECTIONS.find((s) => s.key === key);
}
