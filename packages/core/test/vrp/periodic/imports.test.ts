import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const periodic = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src', 'vrp', 'periodic');

describe('the periodic engine and the search kernel', () => {
  it('imports the daily search only through the kernel\'s public interface (search/kernel/index.ts)', () => {
    const files = readdirSync(periodic, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    const used: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(periodic, file), 'utf8');
      for (const m of text.matchAll(/from '([^']*\/search\/[^']*)'/g)) used.push(`${file}: ${m[1]}`);
    }
    // The engine does build on the daily search (Split, LocalSearch, ...): through the kernel.
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((u) => !u.endsWith(': ../search/kernel/index.js'))).toEqual([]);
  });
});
