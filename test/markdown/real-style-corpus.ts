/**
 * A seeded generator of markdown written the way real agent repositories write it (Backlog.md tasks,
 * ai-dev-tasks task lists, spec-kit and Kiro specs, OpenSpec changes, specguard packets): frontmatter of each
 * preset's style, setext and ATX headings with emphasis and links, long GFM tables with links and code,
 * HTML blocks and inline HTML, nested block quotes holding task items, thematic breaks, reference definitions,
 * nested task lists with every marker (`-`, `*`, `+`, `1.`, `1)`) and box (`[x]`, `[X]`, `[ ]`) with emphasis,
 * bare URLs, e-mail addresses, entities, backslash escapes, hard breaks, fenced code holding item look-alikes, and
 * tabs in code. Written from scratch for the tests; no file of a real repository is copied.
 */
import { createPrng, type Prng } from '../../scripts/bench/prng.js';

const WORDS = 'the loader schema cache index parser worker report manifest checkpoint review spec task packet run evidence rule config plan release build deploy migrate verify audit'.split(' ');
const PATHS = ['src/check/load.ts', 'docs/performance.md', '.runs/1042/manifest.json', 'tasks/tasks-0001-x.md', 'schemas/report.schema.json', 'backlog/config.yml', 'openspec/changes/add-cache/tasks.md'];
const URLS = ['https://github.com/example/repo/pull/42', 'https://example.com/docs/setup?lang=en#install', 'http://localhost:3000/api/health', 'www.example.org/guide', 'https://en.wikipedia.org/wiki/Markdown_(language)'];
const EMAILS = ['ops@example.com', 'jane.doe+ci@mail.example.org'];
const ENTITIES = ['&amp;', '&lt;', '&gt;', '&copy;', '&mdash;', '&#8594;', '&#x2713;', '&nbsp;', '&quot;'];

function words(r: Prng, min: number, max: number): string {
  const n = r.between(min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(r.pick(WORDS));
  return out.join(' ');
}

/** A phrase of inline markdown of the kinds real task items and headings hold. */
function inline(r: Prng, refs: readonly string[]): string {
  const parts: string[] = [words(r, 1, 4)];
  const n = r.between(1, 4);
  for (let i = 0; i < n; i++) {
    switch (r.int(16)) {
      case 0:
        parts.push(`\`${r.pick(PATHS)}\``);
        break;
      case 1:
        parts.push(`[${words(r, 1, 2)}](${r.pick(PATHS)})`);
        break;
      case 2:
        parts.push(`**${words(r, 1, 3)}**`);
        break;
      case 3:
        parts.push(`*${words(r, 1, 2)}*`);
        break;
      case 4:
        parts.push(`_${words(r, 1, 2)}_`);
        break;
      case 5:
        parts.push(`see ${r.pick(URLS)}${r.pick(['', '.', ',', ')'])}`);
        break;
      case 6:
        parts.push(`ask ${r.pick(EMAILS)}`);
        break;
      case 7:
        parts.push(r.pick(ENTITIES));
        break;
      case 8:
        parts.push(r.pick(['\\*not emphasis\\*', '\\[not a link\\]', 'a\\_b', 'C:\\\\Users', '50\\%']));
        break;
      case 9:
        parts.push(refs.length > 0 ? r.pick([`[${r.pick(refs)}]`, `[the log][${r.pick(refs)}]`, `[${r.pick(refs)}][]`]) : 'plain');
        break;
      case 10:
        parts.push(r.pick(['<kbd>Ctrl</kbd>', '<br>', '<span class="x">note</span>', '<!-- todo -->', '<https://example.com/a>']));
        break;
      case 11:
        parts.push(r.pick(['3f9c2ab1', '#12', 'owner/repo#7', 'v1.2.3', '~/.config', 'a*b*c', 'snake_case_name', '2 * 3 = 6']));
        break;
      case 12:
        parts.push(`![${words(r, 1, 2)}](img/${r.pick(WORDS)}.png)`);
        break;
      case 13:
        parts.push(`***${words(r, 1, 2)}***`);
        break;
      case 14:
        parts.push(r.pick(['**Evidence:**', '**Files**:', '_Note_:', '__Status__ —']));
        break;
      default:
        parts.push(words(r, 1, 5));
    }
  }
  return parts.join(' ');
}

const FRONTMATTER: Array<(r: Prng) => string> = [
  () => '',
  (r) => `---\nid: task-${r.between(1, 400)}\ntitle: ${words(r, 2, 5)}\nstatus: ${r.pick(['To Do', 'In Progress', 'Done'])}\nassignee:\n  - '@${r.pick(WORDS)}'\ncreated_date: '2025-0${r.between(1, 9)}-1${r.between(0, 9)} 10:${r.between(10, 59)}'\nlabels: [${r.pick(WORDS)}, ${r.pick(WORDS)}]\ndependencies: []\n---\n\n`,
  (r) => `---\ntask: "${String(r.between(1, 99)).padStart(4, '0')}"\nid: ${r.pick(WORDS)}-${r.between(1, 9)}\nstatus: ${r.pick(['open', 'in-progress', 'done'])}\n---\n`,
  (r) => `---\nkind: packet\ntask: "${r.between(1000, 1999)}"\nstatus: ${r.pick(['draft', 'approved'])}\nmax_tokens: ${r.between(1, 9)}000\n---\n\n`,
  (r) => `---\ntitle: "${words(r, 2, 4)}"\ndescription: ${words(r, 3, 6)}\ntags:\n  - ${r.pick(WORDS)}\n---\n`,
];

const MARKERS = ['-', '*', '+', '1.', '1)'];
const BOXES = ['[x]', '[X]', '[ ]', '[ ]'];

function taskList(r: Prng, refs: readonly string[], depth: number, indent: string, out: string[]): void {
  const marker = r.pick(MARKERS);
  const n = r.between(1, 5);
  for (let i = 0; i < n; i++) {
    const m = marker.length > 1 ? `${i + 1}${marker[1]}` : marker;
    const box = r.chance(0.85) ? `${r.pick(BOXES)} ` : '';
    out.push(`${indent}${m} ${box}${inline(r, refs)}${r.chance(0.1) ? '  ' : ''}`);
    const inner = indent + ' '.repeat(m.length + 1);
    if (r.chance(0.2)) out.push(`${inner}${r.chance(0.3) ? '' : ''}${inline(r, refs)}`);
    if (r.chance(0.1)) out.push(`${words(r, 2, 5)} lazy`);
    if (r.chance(0.1)) out.push('', `${inner}${inline(r, refs)}`);
    if (r.chance(0.1)) out.push('', `${inner}\`\`\`sh`, `${inner}- [x] not an item`, `${inner}\tmake build`, `${inner}\`\`\``);
    if (r.chance(0.06)) out.push(`${inner}> ${r.pick(BOXES)} ${inline(r, refs)}`);
    if (depth < 3 && r.chance(0.3)) taskList(r, refs, depth + 1, inner, out);
  }
}

function table(r: Prng, refs: readonly string[], out: string[]): void {
  const cols = r.between(2, 5);
  const row = (cells: string[]): string => (r.chance(0.8) ? `| ${cells.join(' | ')} |` : cells.join(' | '));
  out.push(row(Array.from({ length: cols }, () => words(r, 1, 2))));
  out.push(`| ${Array.from({ length: cols }, () => r.pick(['---', ':---', '---:', ':-:', '-'])).join(' | ')} |`);
  const rows = r.between(2, 30);
  for (let i = 0; i < rows; i++) out.push(row(Array.from({ length: cols }, () => (r.chance(0.5) ? inline(r, refs) : words(r, 1, 3)))));
}

function section(r: Prng, refs: readonly string[], out: string[]): void {
  switch (r.int(13)) {
    case 0:
      out.push(`${'#'.repeat(r.between(1, 4))} ${inline(r, refs)}${r.chance(0.2) ? ' ##' : ''}`, '');
      break;
    case 1:
      out.push(inline(r, refs), r.pick(['===', '---', '=========', '-----']), '');
      break;
    case 2:
      table(r, refs, out);
      out.push('');
      break;
    case 3:
      out.push(
        r.pick([
          `<details>\n<summary>${words(r, 1, 3)}</summary>\n\n- [x] inside ${inline(r, refs)}\n\n</details>`,
          `<div align="center">\n  <img src="logo.png" alt="${words(r, 1, 2)}">\n</div>`,
          `<!-- AC:BEGIN -->\n- [ ] #1 ${inline(r, refs)}\n- [x] #2 ${inline(r, refs)}\n<!-- AC:END -->`,
          `<!--\n- [x] commented out ${r.pick(URLS)}\n-->`,
          `<table>\n<tr><td>${words(r, 1, 3)}</td></tr>\n</table>`,
        ]),
        '',
      );
      break;
    case 4:
      out.push(`> ${inline(r, refs)}`, `> ${words(r, 2, 6)}`, r.chance(0.5) ? `${words(r, 2, 4)} lazy` : '>', `> > ${inline(r, refs)}`, `> - ${r.pick(BOXES)} ${inline(r, refs)}`, '');
      break;
    case 5:
      out.push(r.pick(['---', '***', '___', '- - -', '* * *']), '');
      break;
    case 6: {
      const label = `${r.pick(WORDS)}-${r.between(1, 9)}`;
      out.push(`[${label}]: ${r.pick([...PATHS, ...URLS.filter((u) => u.startsWith('http'))])}${r.chance(0.3) ? ` "${words(r, 1, 3)}"` : ''}`, '');
      break;
    }
    case 7:
      out.push(`\`\`\`${r.pick(['', 'ts', 'bash', 'md'])}`, '- [x] fake item', `\tindented with a tab ${r.pick(URLS)}`, '| not | a | table |', '```', '');
      break;
    case 8:
      out.push(`**Status**: ${r.pick(['Draft', 'Approved', 'Done'])}  `, `**Owner**: ${r.pick(EMAILS)}`, '');
      break;
    case 9:
      out.push(`    indented code ${r.pick(PATHS)}`, `    - [x] not an item`, '');
      break;
    default: {
      const lines: string[] = [];
      taskList(r, refs, 0, '', lines);
      out.push(...lines, '');
      if (r.chance(0.3)) out.push(inline(r, refs), words(r, 3, 8), '');
    }
  }
}

/**
 * Generates documents in the style of real agent repositories.
 * @param seed - the generator's seed
 * @param count - how many documents
 */
export function realStyleDocuments(seed: string, count: number): string[] {
  const root = createPrng(seed);
  const docs: string[] = [];
  for (let d = 0; d < count; d++) {
    const r = root.fork(`doc-${d}`);
    const refs = Array.from({ length: r.between(0, 3) }, () => `${r.pick(WORDS)}-${r.between(1, 9)}`);
    const out: string[] = [];
    const sections = r.between(3, 25);
    for (let s = 0; s < sections; s++) section(r, refs, out);
    // Definitions for the references the items use, often at the end.
    for (const ref of refs) out.push(`[${ref}]: ${r.pick(PATHS)}`);
    let body = out.join('\n') + '\n';
    if (r.chance(0.1)) body = body.replace(/\n/g, '\r\n');
    docs.push(r.pick(FRONTMATTER)(r) + body);
  }
  return docs;
}
