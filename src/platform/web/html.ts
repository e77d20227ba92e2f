/** A tiny tagged template for server-rendered HTML: interpolations are escaped unless wrapped in raw(). */

export class Raw {
  constructor(public readonly value: string) {}
  toString() {
    return this.value;
  }
}

export const raw = (s: string) => new Raw(s);

const SPECIAL = /[&<>"']/;
const SPECIAL_ALL = /[&<>"']/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const toEntity = (c: string) => ENTITY[c]!;

export function escapeHtml(s: unknown): string {
  const text = typeof s === 'string' ? s : String(s ?? '');
  // Most values (titles, dates, codes) have nothing to escape: one test, no copy.
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, toEntity) : text;
}

function render(v: unknown): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Raw) return v.value;
  if (Array.isArray(v)) {
    let out = '';
    for (const x of v) out += render(x);
    return out;
  }
  return escapeHtml(v);
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Raw(out);
}
