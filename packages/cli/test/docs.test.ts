/**
 * The documentation's links: every relative link and image in README.md and docs/*.md names a
 * file of the repository, and every `#anchor` names a heading of the page it points to (as GitHub
 * makes them), so a page that is moved or renamed is caught here and not by a reader.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../../..');
const pages = ['README.md', ...readdirSync(join(repo, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

/** The text outside fenced code blocks and inline code, where links are links. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading] of markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const base = heading!.replace(/`/g, '').toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

/** Every `[text](target)` and `![alt](target)` target that is not a web address. */
function relativeLinks(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

describe('documentation links', () => {
  it('README.md and docs/ have pages to check', () => {
    expect(pages.length).toBeGreaterThan(5);
  });
  for (const page of pages) {
    it(`every relative link of ${page} resolves`, () => {
      const text = readFileSync(join(repo, page), 'utf8');
      const broken: string[] = [];
      for (const target of relativeLinks(text)) {
        const [path, anchor] = target.split('#') as [string, string | undefined];
        const file = path === '' ? join(repo, page) : resolve(dirname(join(repo, page)), decodeURIComponent(path));
        if (!existsSync(file)) {
          broken.push(`${target}: no file ${relative(repo, file)}`);
          continue;
        }
        if (anchor !== undefined && file.endsWith('.md') && statSync(file).isFile() && !anchors(readFileSync(file, 'utf8')).has(anchor)) {
          broken.push(`${target}: no heading "#${anchor}" in ${relative(repo, file)}`);
        }
      }
      expect(broken).toEqual([]);
    });
  }
  it('README.md links every page of docs/ (its index is complete)', () => {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const missing = pages.filter((page) => page.startsWith('docs/') && !relativeLinks(readme).some((target) => target.split('#')[0] === page));
    expect(missing).toEqual([]);
  });
  it('the anchor rule matches GitHub on the headings these pages use', () => {
    expect([...anchors('# Planning a county: `postroute plan`\n## The example\'s figures\n## A, B\n## A, B')])
      .toEqual(['planning-a-county-postroute-plan', 'the-examples-figures', 'a-b', 'a-b-1']);
  });
});
