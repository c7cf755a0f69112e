/**
 * Render step of `board`: one self-contained HTML page. No script, no
 * network, no external asset: the CSS is inline, links to repository files
 * are relative to the page's folder (so it works from a `file://` URL), and
 * every piece of repository text is escaped. For screen readers: one h1, an
 * h2 per section, tables with a caption and `th scope`, and each progress bar
 * an `role="img"` with an `aria-label` that says what its legend says.
 * `@media print` keeps the colours of bars and badges and repeats table heads.
 */
import type { TaskStatus } from '../brief/brief-model.js';
import { formatAge } from '../brief/derive.js';
import { VERSION } from '../cli/version.js';
import { STATUS_ORDER, type Board, type BoardSpec, type BoardTask, type BoardTaskList, type ItemCounts, type SpecProblem } from './board-model.js';
import { escapeHtml as esc, fileHref } from './html.js';

/** The `<meta name="generator">` every board carries; a file without it is not overwritten without `--force`. */
export const BOARD_GENERATOR = 'specguard board';

/** Options of {@link renderBoard}. */
export interface RenderBoardOptions {
  /** Absolute path of the folder the page is written to (or, for standard output, the working directory): links are relative to it. */
  pageFolder: string;
  /**
   * `false`: file names are shown as text, not linked (a board read from a database, whose repositories need not
   * be on this machine). Default `true`.
   */
  linkFiles?: boolean;
  /** What the page is a board of. Default: the name of the repository's folder. */
  title?: string;
}

/** What a status means, for the legend and the badges' titles. */
const STATUS_MEANING: Readonly<Record<TaskStatus, string>> = {
  stalled: 'nothing has happened for longer than the stall limit, or a running run’s heartbeat is stale',
  blocked: 'the latest checkpoint says the task is blocked',
  'done-unverified': 'claimed done, but the evidence does not back the claim',
  'in-progress': 'work is under way',
  'not-started': 'no checkpoint, commit or run yet',
  done: 'every criterion ticked and proven',
};

/**
 * Renders the board as an HTML document (UTF-8, with a final newline).
 * @param board - from {@link board}
 */
export function renderBoard(board: Board, options: RenderBoardOptions): string {
  const link = (file: string, text: string = file, line?: number): string => {
    const shown = `${esc(text)}${line ? `<span class="line">:${line}</span>` : ''}`;
    return options.linkFiles === false ? shown : `<a href="${esc(fileHref(board.root, file, options.pageFolder))}">${shown}</a>`;
  };
  const name = options.title ?? board.root.split(/[\\/]/).filter(Boolean).pop() ?? board.root;
  const when = board.generated_at.replace(/\.000Z$/, 'Z');
  const out: string[] = [];
  out.push(
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${esc(BOARD_GENERATOR)} ${esc(VERSION)}">`,
    '<meta name="color-scheme" content="light">',
    `<title>${esc(`Status board: ${name}`)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>Status board: <span class="repo">${esc(name)}</span></h1>`,
    `<p class="meta">Computed at <time datetime="${esc(board.generated_at)}">${esc(when)}</time> by ${esc(BOARD_GENERATOR)} ${esc(VERSION)}. Statuses are those <code>specguard brief</code> derives from the evidence, not what anyone wrote.</p>`,
    summary(board),
    '</header>',
    '<main>',
  );
  out.push(tasksSection(board.tasks, link));
  out.push(specsSection(board, link));
  out.push(taskListsSection(board.task_lists, new Set(board.tasks.map((t) => t.brief.task)), link));
  if (board.notes.length > 0) out.push('<section aria-labelledby="notes-h">', '<h2 id="notes-h">Notes</h2>', '<ul class="notes">', ...board.notes.map((n) => `<li>${code(n)}</li>`), '</ul>', '</section>');
  out.push('</main>', '</body>', '</html>');
  return `${out.join('\n')}\n`;
}

type Link = (file: string, text?: string, line?: number) => string;

function summary(board: Board): string {
  const n = board.tasks.length;
  const items = STATUS_ORDER.filter((s) => board.status_counts[s] > 0).map((s) => `<li>${badge(s)} <span class="n">${board.status_counts[s]}</span></li>`);
  const specs = board.specs.length > 0 ? `<li class="warn"><a href="#specs-h">${board.specs.length} of ${board.spec_count} mini-spec${board.spec_count === 1 ? '' : 's'} stale or drifting</a></li>` : '';
  const contradictions = board.tasks.reduce((sum, t) => sum + t.brief.contradictions.length, 0);
  const against = contradictions > 0 ? `<li class="warn">${contradictions} contradiction${contradictions === 1 ? '' : 's'}</li>` : '';
  return `<ul class="summary" aria-label="Summary"><li><strong>${n} task${n === 1 ? '' : 's'}</strong></li>${items.join('')}${against}${specs}</ul>`;
}

function tasksSection(tasks: readonly BoardTask[], link: Link): string {
  const out = ['<section aria-labelledby="tasks-h">', '<h2 id="tasks-h">Tasks</h2>'];
  if (tasks.length === 0) {
    out.push('<p>No tasks: no task packet, task list, checkpoint or run manifest names one.</p>', '</section>');
    return out.join('\n');
  }
  out.push(
    '<table class="tasks">',
    `<caption>Each task with its derived status, its acceptance criteria (ticked or open; ticked ones proven, unproven or failed by their evidence), its last checkpoint, the spec it follows and the claims its evidence contradicts.</caption>`,
    '<thead><tr><th scope="col">Task</th><th scope="col">Status</th><th scope="col">Acceptance criteria</th><th scope="col">Last checkpoint</th><th scope="col">Spec</th><th scope="col">Contradictions</th></tr></thead>',
    '<tbody>',
  );
  for (const task of tasks) out.push(taskRow(task, link));
  out.push('</tbody>', '</table>', statusLegend(), '</section>');
  return out.join('\n');
}

function taskRow(task: BoardTask, link: Link): string {
  const b = task.brief;
  const title = b.title ?? (b.packet ? 'Untitled' : 'No task packet');
  const heading = b.packet ? link(b.packet.file, title) : esc(title);
  const next = b.next_step ? `<p class="next"><span class="label">Next:</span> ${code(b.next_step.text)}</p>` : '';
  const cells = [
    `<th scope="row" data-field="task"><span class="id" data-value="task">${esc(b.task)}</span> <span class="title">${heading}</span>${next}</th>`,
    `<td data-field="status">${badge(b.status)}<p class="reason">${code(b.status_reason)}</p></td>`,
    `<td data-field="criteria">${b.criteria.length > 0 ? progress(task.counts, 'acceptance criteria') : `<p class="none">${b.packet ? 'The packet has no acceptance criteria.' : 'No packet, so no acceptance criteria.'}</p>`}</td>`,
    `<td data-field="checkpoint">${checkpointCell(task, link)}</td>`,
    `<td data-field="spec">${specCell(task, link)}</td>`,
    `<td data-field="contradictions">${contradictionsCell(task, link)}</td>`,
  ];
  return `<tr id="task-${esc(b.task)}" data-task="${esc(b.task)}">${cells.join('')}</tr>`;
}

function checkpointCell(task: BoardTask, link: Link): string {
  const last = task.last_checkpoint;
  if (!last) return '<p class="none">No checkpoint yet.</p>';
  const age = last.age_minutes !== undefined ? `, <span data-value="age">${esc(formatAge(last.age_minutes))} ago</span>` : '';
  return [
    `<p><span class="kind" data-value="kind">${esc(last.checkpoint_kind)}</span> by <span data-value="agent">${esc(last.agent)}</span></p>`,
    `<p class="when"><time datetime="${esc(last.created)}" data-value="created">${esc(last.created)}</time>${age}</p>`,
    last.summary ? `<p class="quote">${code(last.summary)}</p>` : '',
    `<p class="file">${link(last.file, last.file.split('/').pop())}</p>`,
  ].join('');
}

function specCell(task: BoardTask, link: Link): string {
  if (!task.spec) return '<p class="none">None named.</p>';
  const tags = task.spec_problems.length > 0 ? task.spec_problems.map((p) => `<span class="tag ${p.ruleId}">${problemWord(p)}</span>`).join(' ') : '<span class="tag ok">fresh</span>';
  return `<p>${link(task.spec, task.spec.split('/').pop())}</p><p>${tags}</p>`;
}

function contradictionsCell(task: BoardTask, link: Link): string {
  const list = task.brief.contradictions;
  if (list.length === 0) return '<p class="none"><span data-count="contradictions">0</span>: none.</p>';
  const items = list.map((c) => `<li>${link(c.file, c.file.split('/').pop(), c.line)}: ${code(c.message)}</li>`);
  return `<p class="count"><span data-count="contradictions">${list.length}</span> contradiction${list.length === 1 ? '' : 's'}</p><ol class="contradictions">${items.join('')}</ol>`;
}

/** The bar and its legend: the legend is visible text, and the bar's label says the same for a screen reader. */
function progress(counts: ItemCounts, what: string): string {
  const parts: Array<[keyof ItemCounts, string]> = [
    ['proven', 'proven'],
    ['unproven', 'unproven'],
    ['failed', 'failed'],
    ['open', 'open'],
  ];
  const deferred = counts.deferred > 0 ? ` (${counts.deferred} of them deferred)` : '';
  const label = `${counts.checked} of ${counts.total} ${what} ticked: ${counts.proven} proven, ${counts.unproven} unproven, ${counts.failed} failed; ${counts.open} open${deferred}`;
  const segments = parts
    .filter(([key]) => counts[key] > 0)
    .map(([key]) => `<span class="seg ${key}" style="width:${((100 * counts[key]) / counts.total).toFixed(3)}%"></span>`)
    .join('');
  const legend = parts.map(([key, word]) => `<span class="item"><span class="key ${key}" aria-hidden="true"></span><span data-count="${key}">${counts[key]}</span> ${word}</span>`).join(' ');
  return [
    `<div class="bar" role="img" aria-label="${esc(label)}">${segments}</div>`,
    `<p class="ticked"><span data-count="checked">${counts.checked}</span> of <span data-count="total">${counts.total}</span> ticked</p>`,
    `<p class="legend">${legend}${deferred ? `<span class="item"> (<span data-count="deferred">${counts.deferred}</span> of them deferred)</span>` : ''}</p>`,
  ].join('');
}

function specsSection(board: Board, link: Link): string {
  const out = ['<section aria-labelledby="specs-h">', '<h2 id="specs-h">Stale or drifting specs</h2>'];
  if (board.specs.length === 0) {
    out.push(`<p>${board.spec_count === 0 ? 'The repository has no mini-specs.' : `None of the ${board.spec_count} mini-spec${board.spec_count === 1 ? '' : 's'} is stale or drifting.`}</p>`, '</section>');
    return out.join('\n');
  }
  out.push(
    '<table class="specs">',
    `<caption>${board.specs.length} of ${board.spec_count} mini-specs need a review: <code>spec-freshness</code> finds the ones whose last review is too old, <code>spec-drift</code> the ones whose governed code changed since.</caption>`,
    '<thead><tr><th scope="col">Spec</th><th scope="col">Status</th><th scope="col">Last review</th><th scope="col">Why</th><th scope="col">Tasks that follow it</th></tr></thead>',
    '<tbody>',
    ...board.specs.map((spec) => specRow(spec, link)),
    '</tbody>',
    '</table>',
    '</section>',
  );
  return out.join('\n');
}

function specRow(spec: BoardSpec, link: Link): string {
  const title = spec.title ? `<span class="title">${esc(spec.title)}</span>` : '';
  const problems = spec.problems.map((p) => `<li><span class="tag ${p.ruleId}">${problemWord(p)}</span> ${link(spec.file, spec.file.split('/').pop(), p.line)}: ${code(p.message)}</li>`);
  const tasks = spec.tasks.length > 0 ? spec.tasks.map((t) => `<a href="#task-${esc(t)}">${esc(t)}</a>`).join(', ') : '<span class="none">None.</span>';
  return [
    `<tr data-spec="${esc(spec.file)}">`,
    `<th scope="row">${link(spec.file)}${title}</th>`,
    `<td>${esc(spec.status ?? '—')}</td>`,
    `<td class="date">${esc(spec.last_review ?? '—')}</td>`,
    `<td><ul class="problems">${problems.join('')}</ul></td>`,
    `<td>${tasks}</td>`,
    '</tr>',
  ].join('');
}

function taskListsSection(lists: readonly BoardTaskList[], tasks: ReadonlySet<string>, link: Link): string {
  const out = ['<section aria-labelledby="lists-h">', '<h2 id="lists-h">Task lists</h2>'];
  if (lists.length === 0) {
    out.push('<p>The repository has no task lists.</p>', '</section>');
    return out.join('\n');
  }
  out.push(
    '<table class="lists">',
    '<caption>Each task list with its items: ticked or open, and ticked ones proven, unproven or failed by the evidence they cite (the evidence rules of <code>specguard check</code>).</caption>',
    '<thead><tr><th scope="col">Task list</th><th scope="col">Task</th><th scope="col">Items</th></tr></thead>',
    '<tbody>',
  );
  for (const list of lists) {
    const task = list.task ? (tasks.has(list.task) ? `<a href="#task-${esc(list.task)}">${esc(list.task)}</a>` : esc(list.task)) : '<span class="none">—</span>';
    const items = list.counts.total > 0 ? progress(list.counts, 'items') : '<p class="none">No task items.</p>';
    out.push(`<tr data-list="${esc(list.file)}"><th scope="row">${link(list.file)}${list.title ? `<span class="title">${esc(list.title)}</span>` : ''}</th><td>${task}</td><td data-field="items">${items}</td></tr>`);
  }
  out.push('</tbody>', '</table>', '</section>');
  return out.join('\n');
}

function statusLegend(): string {
  const items = STATUS_ORDER.map((s) => `<div>${badge(s)}<span>${esc(STATUS_MEANING[s])}</span></div>`);
  const bars = `<div><span class="key proven" aria-hidden="true"></span><span>proven: ticked, and its evidence holds</span></div><div><span class="key unproven" aria-hidden="true"></span><span>unproven: ticked, evidence taken on trust or absent</span></div><div><span class="key failed" aria-hidden="true"></span><span>failed: ticked, but its evidence is missing or failed</span></div><div><span class="key open" aria-hidden="true"></span><span>open: not ticked</span></div>`;
  return `<div class="legend-box"><h3 id="legend-h">What the statuses and colours mean</h3><div class="legend-grid">${items.join('')}${bars}</div></div>`;
}

function badge(status: TaskStatus): string {
  return `<span class="badge s-${status}" data-value="status">${esc(status)}</span>`;
}

function problemWord(problem: SpecProblem): string {
  return problem.ruleId === 'spec-freshness' ? 'stale' : 'drifting';
}

/** Escapes text and sets its `code spans` (as the messages write paths) in `<code>`. */
function code(text: string): string {
  return esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

const STYLE = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa;--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--info:#0969da;--open:#e6eaef;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Helvetica,Arial,sans-serif;font-size:15px;line-height:1.45;color:var(--fg);background:var(--bg)}
body{margin:0 auto;padding:24px 28px 40px;max-width:1320px}
h1{font-size:1.6rem;margin:0 0 4px}h1 .repo{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-weight:600}
h2{font-size:1.2rem;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
p{margin:0}.meta{color:var(--muted);margin-bottom:12px}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.86em;background:var(--soft);padding:0 3px;border-radius:4px;overflow-wrap:anywhere}
a{color:var(--info)}a:focus-visible{outline:2px solid var(--info);outline-offset:2px}
.summary{list-style:none;display:flex;flex-wrap:wrap;gap:8px 18px;padding:10px 14px;margin:0;background:var(--soft);border:1px solid var(--line);border-radius:8px;align-items:center}
.summary .warn,.summary .warn a{color:var(--bad);font-weight:600}
table{border-collapse:collapse;width:100%;font-size:.93rem}
caption{text-align:left;color:var(--muted);padding:0 0 8px;caption-side:top}
th,td{border-top:1px solid var(--line);padding:10px 10px;text-align:left;vertical-align:top}
thead th{background:var(--soft);border-top:0;border-bottom:2px solid var(--line);font-size:.82rem;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}
tbody th{font-weight:400}
table.tasks th[scope=row]{width:19%}table.tasks td[data-field=status]{width:17%}table.tasks td[data-field=criteria]{width:19%}table.tasks td[data-field=checkpoint]{width:16%}table.tasks td[data-field=spec]{width:10%}
.id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-weight:700;background:var(--fg);color:#fff;border-radius:4px;padding:1px 6px;margin-right:4px}
.title{font-weight:600;display:block;margin-top:4px}th .title a{color:var(--fg)}
.next,.reason,.when,.file,.quote,.none,.legend,.ticked{font-size:.86rem;color:var(--muted);margin-top:4px}
.next .label{font-weight:600;color:var(--fg)}.quote{font-style:italic;border-left:3px solid var(--line);padding-left:6px}
.badge{display:inline-block;font-weight:700;font-size:.8rem;border-radius:999px;padding:2px 10px;border:1px solid;white-space:nowrap}
.s-done{color:var(--ok);background:#dafbe1}.s-done-unverified{color:var(--warn);background:#fff8c5}.s-in-progress{color:var(--info);background:#ddf4ff}
.s-blocked{color:var(--bad);background:#ffebe9}.s-stalled{color:#bc4c00;background:#fff1e5}.s-not-started{color:var(--muted);background:var(--soft)}
.bar{display:flex;height:14px;border-radius:7px;overflow:hidden;background:var(--open);border:1px solid #aab4bf;margin-top:2px}
.seg{display:block;height:100%}.seg+.seg{border-left:1px solid #fff}
.proven{background:var(--ok)}.failed{background:var(--bad)}
.unproven{background:repeating-linear-gradient(135deg,#d4a72c 0 4px,#fff3c4 4px 7px)}.open{background:var(--open)}
.ticked{color:var(--fg);font-weight:600}
.legend .item{white-space:nowrap;margin-right:8px}
.key{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:3px;vertical-align:-1px;border:1px solid #aab4bf}
.kind{font-weight:700}
.tag{display:inline-block;font-size:.78rem;font-weight:700;border-radius:4px;padding:0 6px;border:1px solid}
.tag.spec-freshness{color:var(--bad);background:#ffebe9}.tag.spec-drift{color:var(--warn);background:#fff8c5}.tag.ok{color:var(--ok);background:#dafbe1}
.count{font-weight:700;color:var(--bad)}ol.contradictions,ul.problems,ul.notes{margin:4px 0 0;padding-left:18px;font-size:.86rem}
ol.contradictions li,ul.problems li{margin-bottom:4px}ul.problems{list-style:none;padding-left:0}
.line{color:var(--muted)}.date{white-space:nowrap}
.legend-box{margin-top:12px;font-size:.86rem;color:var(--muted)}.legend-box h3{font-size:.9rem;margin:0;color:var(--fg)}
.legend-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:6px 16px;margin-top:8px}.legend-grid .badge{margin-right:6px}
@media print{
@page{size:A4 landscape;margin:10mm}
:root{font-size:9.5pt}body{max-width:none;padding:0}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
a{color:inherit;text-decoration:none}
thead{display:table-header-group}tr{break-inside:avoid}h2{break-after:avoid}
.summary{background:none}
}
`
  .trim()
  .replace(/\n/g, '');
