#!/usr/bin/env node
// The `postroute` command. A file of its own (not dist/main.js itself) so that it exists when
// pnpm links the workspace's bins at install time, before the first build has made dist/.
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('postroute: not built yet — run `npx -y pnpm@10 run build` in the repository first\n');
  process.exit(1);
}
await import(main.href);
