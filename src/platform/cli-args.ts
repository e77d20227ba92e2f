/**
 * Options of a CLI command: `--name value`, `--name=value`, and bare `--flag`s (set to '1'). Returns the options,
 * or the one-line Chinese message to print with the usage when an argument is not understood.
 */
export function parseOptions(args: readonly string[], values: readonly string[], flags: readonly string[] = []): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) return `无法识别的参数：${a}`;
    const [k, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    if (flags.includes(k) && inline === undefined) {
      out[k] = '1';
      continue;
    }
    if (!values.includes(k)) return `未知选项：--${k}`;
    const v = inline ?? args[++i];
    if (v === undefined) return `选项 --${k} 缺少取值`;
    out[k] = v;
  }
  return out;
}
