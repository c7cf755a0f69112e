/**
 * The board's HTML: hostile repository text is escaped, the page needs
 * nothing from the network, its structure is there for screen readers
 * (headings, table caption and scopes, labelled bars), and its links reach
 * the repository's files from wherever the page is written.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { board } from '../../src/board/gather-board.js';
import { escapeHtml, fileHref } from '../../src/board/html.js';
import { renderBoard } from '../../src/board/render-board.js';
import { markdown } from '../helpers/check-repo.js';
import { tempRepo } from '../helpers/temp-repo.js';
import { checkpoint, MULTI_NOW, multiTaskRepo, packet, run } from './board-repos.js';

const HOSTILE = '<script>alert(1)</script>';

/** A repository whose text tries to inject markup everywhere the board shows text. */
function hostileRepo(): string {
  return tempRepo({
    'state/packets/1/packet.md': packet('1', `Title ${HOSTILE}`, ['- [x] Proven "quoted" & <b>bold</b> — `.runs/1/r1/manifest.json`', '- [x] Seen at https://example.com/x?a=1&b=<i>', '- [ ] <img src=x onerror=alert(2)>']),
    '.runs/1/r1/manifest.json': run('1', 'r1', 'failed', '2026-06-01T09:00:00Z'),
    'state/checkpoints/1/2026-06-01T10-00-00Z-done.md': checkpoint('1', 'done', '2026-06-01T10:00:00Z', `Completed ${HOSTILE}`, [`Next <iframe src="https://evil.example/">`]),
    'tasks/tasks-0001.md': markdown(['task: "1"', `title: "List '><svg onload=alert(3)>"`], '# List', '', '- [ ] open'),
  });
}

/** Every `<tag` in the page. */
function tags(html: string): Set<string> {
  return new Set([...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1]!.toLowerCase()));
}

describe('renderBoard', () => {
  it('escapes every piece of repository text: no markup from the repository reaches the page', async () => {
    const root = hostileRepo();
    const html = renderBoard(await board({ root, now: MULTI_NOW, env: {} }), { pageFolder: root });
    expect(html).toContain('Title &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Completed &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('List &#39;&gt;&lt;svg onload=alert(3)&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;');
    for (const tag of ['script', 'img', 'iframe', 'svg', 'b', 'i']) expect(tags(html).has(tag), `<${tag}>`).toBe(false);
  });

  it('is self-contained: no script, no external stylesheet, image, font or frame, no http(s) link; CSS inline', async () => {
    const root = hostileRepo();
    const html = renderBoard(await board({ root, now: MULTI_NOW, env: {} }), { pageFolder: root });
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/<style>[^<]+<\/style>/);
    for (const tag of ['script', 'link', 'img', 'iframe', 'object', 'embed', 'base', 'form']) expect(tags(html).has(tag), `<${tag}>`).toBe(false);
    expect(html).not.toMatch(/\s(?:src|srcset|action|formaction|poster|background)=/i);
    expect(html).not.toMatch(/url\(|@import|@font-face/i);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(3);
    for (const href of hrefs) expect(href, href).not.toMatch(/^[a-z][a-z0-9+.-]*:/i);
  });

  it('gives screen readers one h1, an h2 per section, tables with caption and scoped headers, and labelled bars', async () => {
    const root = multiTaskRepo();
    const result = await board({ root, now: MULTI_NOW, env: {} });
    const html = renderBoard(result, { pageFolder: root });
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect([...html.matchAll(/<h2 id="[^"]+">([^<]+)<\/h2>/g)].map((m) => m[1])).toEqual(['Tasks', 'Stale or drifting specs', 'Task lists']);
    expect(html.match(/<table /g)).toHaveLength(3);
    expect(html.match(/<caption>/g)).toHaveLength(3);
    expect(html.match(/<th scope="col">/g)!.length).toBe(6 + 5 + 3);
    expect(html.match(/<th scope="row"/g)).toHaveLength(result.tasks.length + result.specs.length + result.task_lists.length);
    // Each bar is an image whose label says what its visible legend says.
    const eleven = result.tasks.find((t) => t.brief.task === '11')!;
    expect(html).toContain('<div class="bar" role="img" aria-label="5 of 8 acceptance criteria ticked: 2 proven, 1 unproven, 2 failed; 3 open">');
    expect(eleven.counts).toEqual({ total: 8, checked: 5, proven: 2, unproven: 1, failed: 2, open: 3, deferred: 0 });
    const bars = html.match(/role="img" aria-label="[^"]+"/g)!;
    expect(bars).toHaveLength(result.tasks.filter((t) => t.counts.total > 0).length + result.task_lists.length);
    expect(html).toMatch(/@media print\{/);
  });

  it('links reach the repository files from the folder the page is written to', async () => {
    const root = multiTaskRepo();
    const result = await board({ root, now: MULTI_NOW, env: {} });
    for (const pageFolder of [root, path.join(root, 'site', 'status board'), path.dirname(root)]) {
      const html = renderBoard(result, { pageFolder });
      const hrefs = [...html.matchAll(/href="([^"#][^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
      expect(hrefs).toContain(fileHref(root, 'state/packets/11/packet.md', pageFolder));
      for (const href of hrefs) expect(existsSync(path.resolve(pageFolder, decodeURIComponent(href))), `${href} from ${pageFolder}`).toBe(true);
    }
    expect(fileHref('/r', 'state/a b#c?.md', '/r/site')).toBe('../state/a%20b%23c%3F.md');
  });

  it("counts a task's deferred items, as the task model does", async () => {
    const root = tempRepo({ 'tasks/tasks-0001-export.md': '# Tasks\n\n- [x] 1.0 Export written `tasks/tasks-0001-export.md`\n- [ ] 2.0 Retry on failure (deferred)\n- [ ] 3.0 Docs\n' });
    const result = await board({ root, now: MULTI_NOW, env: {} });
    expect(result.tasks.map((t) => [t.brief.task, t.counts])).toEqual([['0001', { total: 3, checked: 1, proven: 1, unproven: 0, failed: 0, open: 2, deferred: 1 }]]);
    const html = renderBoard(result, { pageFolder: root });
    expect(html).toContain('2 open (1 of them deferred)');
    expect(html).toContain('(<span data-count="deferred">1</span> of them deferred)');
  });

  it('a repository without tasks gets a page that says so', async () => {
    const root = tempRepo({ 'README.md': '# nothing\n' });
    const html = renderBoard(await board({ root, now: MULTI_NOW, env: {} }), { pageFolder: root });
    expect(html).toContain('No tasks: no task packet, task list, checkpoint or run manifest names one.');
    expect(html).toContain('The repository has no mini-specs.');
  });
});

describe('escapeHtml', () => {
  it('leaves no character that could open markup or close an attribute, and loses nothing', () => {
    const unescape = (s: string): string => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const printable = text.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '');
        const escaped = escapeHtml(printable);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(unescape(escaped)).toBe(printable);
      }),
    );
    expect(escapeHtml('a\x00b')).toBe('a\uFFFDb');
  });
});
