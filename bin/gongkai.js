#!/usr/bin/env node
// `npx gongkai …`: runs the TypeScript sources through tsx in a checkout, or the compiled dist/cli.js.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = resolve(root, 'src/cli.ts');
let entry = resolve(root, 'dist/cli.js');
if (existsSync(src)) {
  try {
    const { register } = await import('tsx/esm/api');
    register();
    entry = src;
  } catch {
    // tsx not installed (production install): use the compiled build.
  }
}
const { main } = await import(pathToFileURL(entry).href);
const code = await main(process.argv.slice(2));
if (code >= 0) process.exit(code);
