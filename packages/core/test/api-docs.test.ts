/**
 * The API reference: TypeDoc reads the public API of @postroute/core (packages/core/src/index.ts)
 * with the project's typedoc.json, which turns on its validation (every export documented, every
 * type an export refers to exported, every {@link} resolvable) and treats a warning as an error.
 * `--emit none` checks without writing the pages (`pnpm run docs:api` writes them to docs/api/);
 * `--disableSources` because no page is written: source links need a git remote, which a checkout
 * without one (a tarball, a local repository) lacks, and TypeDoc warns of it.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../../..');
const typedoc = join(repo, 'node_modules/typedoc/bin/typedoc');

it('every export of @postroute/core is documented and every link in its docs resolves', () => {
  const result = spawnSync(process.execPath, [typedoc, '--emit', 'none', '--disableSources', '--logLevel', 'Warn'], { cwd: repo, encoding: 'utf8', timeout: 170_000, env: { ...process.env, NO_COLOR: '1' } });
  const problems = `${result.stdout}${result.stderr}`.split('\n').filter((line) => /warning|error/i.test(line));
  expect(problems).toEqual([]);
  expect(result.status).toBe(0);
}, 180_000);
