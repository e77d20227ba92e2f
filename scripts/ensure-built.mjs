// Runs before `npm start`: builds the server and the admin console when missing or older than their sources.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);

if (mtime('dist/cli.js') < Math.max(newest('src'), mtime('package.json'))) {
  console.log('构建服务端 (dist/cli.js)…');
  execSync('npm run -s build:server', { stdio: 'inherit' });
}
if (existsSync('web/admin/index.html') && mtime('dist/admin/index.html') < newest('web/admin')) {
  console.log('构建管理后台 (dist/admin)…');
  execSync('npm run -s build:admin', { stdio: 'inherit' });
}
