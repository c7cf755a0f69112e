/**
 * The board in a real browser: headless Chromium (Debian's `chromium`,
 * driven by playwright-core) opens the page from a `file://` URL with the
 * network cut off, and the numbers it shows for each task are the ones
 * `specguard brief --format json` gives for the same repository and clock.
 * The accessibility tree has the headings, table headers and labelled bars;
 * print media still shows the table (and makes a PDF); and a screenshot of
 * the example repository's board is saved as docs/board.png.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Brief } from '../../src/brief/brief-model.js';
import { formatAge } from '../../src/brief/derive.js';
import { runCli } from '../helpers/run-cli.js';
import { tempRepo } from '../helpers/temp-repo.js';
import { MULTI_NOW, MULTI_STATUSES, multiTaskRepo, SEED_004_NOW, seed004Repo } from './board-repos.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOT = path.resolve('docs/board.png');

let context: BrowserContext;
let profile: string;

/**
 * Whether this run has the browser. Without it the tests are skipped with one line on stderr, unless
 * `SPECGUARD_REQUIRE_BROWSER=1` (set by .ci/run after installing Chromium), where a missing browser fails.
 */
const HAS_BROWSER = existsSync(CHROMIUM);
const REQUIRE_BROWSER = process.env.SPECGUARD_REQUIRE_BROWSER === '1';
if (!HAS_BROWSER && !REQUIRE_BROWSER) {
  process.stderr.write(`specguard tests: board browser test skipped: ${CHROMIUM} not found (apt-get install chromium, then npm test; SPECGUARD_REQUIRE_BROWSER=1 makes a missing browser fail)\n`);
}

beforeAll(async () => {
  if (!HAS_BROWSER) {
    if (!REQUIRE_BROWSER) return;
    throw new Error(`${CHROMIUM} not found and SPECGUARD_REQUIRE_BROWSER=1: the board's browser test needs Debian's chromium package (apt-get install chromium)`);
  }
  profile = mkdtempSync(path.join(os.tmpdir(), 'specguard-chromium-'));
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, offline: true });
});

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** What the page shows for one task row. */
interface ShownTask {
  task: string;
  status: string;
  counts: Record<string, number>;
  contradictions: number;
  checkpoint?: { kind: string; created: string; age: string };
}

/**
 * Writes the board of `root` with `specguard board` to a folder outside the repository, opens it from its
 * file URL, and returns the page with every request it made (and the ones aborted: all but file URLs).
 */
async function openBoard(root: string, now: string): Promise<{ page: Page; url: string; requests: string[]; aborted: string[] }> {
  const file = path.join(tempRepo(), 'site', 'board.html');
  const run = await runCli(['board', root, '--now', now, '-o', file], process.cwd());
  expect(run.code, run.stderr).toBe(0);
  const page = await context.newPage();
  const requests: string[] = [];
  const aborted: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.route('**/*', (route) => {
    if (route.request().url().startsWith('file:')) return route.continue();
    aborted.push(route.request().url());
    return route.abort();
  });
  const url = pathToFileURL(file).href;
  await page.goto(url, { waitUntil: 'load' });
  return { page, url, requests, aborted };
}

/** The little of the DOM the page functions below use (the project compiles without the DOM library). */
interface DomElement {
  innerText: string;
  href: string;
  dataset: Record<string, string | undefined>;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}
type InPage = typeof globalThis & { getComputedStyle(element: DomElement): { backgroundColor: string; printColorAdjust: string } };

/** Reads each task row's visible numbers from the DOM. */
function shownTasks(page: Page): Promise<ShownTask[]> {
  return page.$$eval('tr[data-task]', (elements) =>
    (elements as unknown as DomElement[]).map((row) => {
      const text = (selector: string): string => row.querySelector(selector)?.innerText.trim() ?? '';
      const counts: Record<string, number> = {};
      for (const e of row.querySelectorAll('[data-field=criteria] [data-count]')) counts[e.dataset.count!] = Number(e.innerText);
      const kind = text('[data-field=checkpoint] [data-value=kind]');
      return {
        task: text('[data-value=task]'),
        status: text('[data-field=status] [data-value=status]'),
        counts,
        contradictions: Number(text('[data-count=contradictions]')),
        ...(kind ? { checkpoint: { kind, created: text('[data-field=checkpoint] [data-value=created]'), age: text('[data-field=checkpoint] [data-value=age]') } } : {}),
      };
    }),
  );
}

/** What the page must show for a task, from `specguard brief --task <id> --format json`. */
async function expectedFromBrief(root: string, task: string, now: string): Promise<ShownTask> {
  const run = await runCli(['brief', '--task', task, root, '--format', 'json', '--now', now], process.cwd());
  expect(run.code, run.stderr).toBe(0);
  const brief = JSON.parse(run.stdout) as Brief;
  const states = brief.criteria.map((c) => c.state);
  const count = (state: string): number => states.filter((s) => s === state).length;
  const counts: Record<string, number> = brief.criteria.length === 0 ? {} : { checked: states.length - count('open'), total: states.length, proven: count('verified'), unproven: count('claimed'), failed: count('failed'), open: count('open') };
  const current = brief.timeline.filter((c) => c.state === 'current');
  const last = current[current.length - 1];
  const minutes = last ? Math.floor((Date.parse(brief.generated_at) - Date.parse(last.created)) / 60_000) : 0;
  return {
    task: brief.task,
    status: brief.status,
    counts,
    contradictions: brief.contradictions.length,
    ...(last ? { checkpoint: { kind: last.checkpoint_kind, created: last.created, age: `${formatAge(minutes)} ago` } } : {}),
  };
}

/** The page's accessibility tree (Playwright's ARIA snapshot), with YAML's quoting of lines that hold a colon undone. */
async function accessibilityTree(page: Page): Promise<string> {
  const yaml = await page.locator('body').ariaSnapshot();
  return yaml.replace(/^(\s*)- '(.*)'(:?)$/gm, (_, indent: string, line: string, colon: string) => `${indent}- ${line.replaceAll("''", "'")}${colon}`);
}

/** No request left the file system: only the page itself was loaded, nothing was aborted. */
function expectOffline(opened: { url: string; requests: string[]; aborted: string[] }): void {
  expect(opened.requests).toContain(opened.url); // the listener sees file requests, so it would see any other
  expect(opened.aborted).toEqual([]);
  expect(opened.requests.filter((u) => u !== opened.url)).toEqual([]);
}

describe.skipIf(!HAS_BROWSER && !REQUIRE_BROWSER)('the board in headless Chromium', () => {
  it('the example repository: offline, the numbers of `brief`, an accessible tree, printable; screenshot docs/board.png', async () => {
    const root = seed004Repo();
    const opened = await openBoard(root, SEED_004_NOW);
    const { page } = opened;
    expectOffline(opened);

    const shown = await shownTasks(page);
    expect(shown.map((t) => t.task)).toEqual(['0001']);
    expect(shown[0]).toEqual(await expectedFromBrief(root, '0001', SEED_004_NOW));
    expect(shown[0]).toMatchObject({ status: 'done-unverified', counts: { checked: 6, total: 30, proven: 3, unproven: 0, failed: 3, open: 24 }, checkpoint: { kind: 'done', age: '3 days ago' } });

    const tree = await accessibilityTree(page);
    expect(tree).toContain('- heading "Status board: seed-004" [level=1]');
    for (const h2 of ['Tasks', 'Stale or drifting specs', 'Task lists']) expect(tree).toContain(`- heading "${h2}" [level=2]`);
    expect(tree).toMatch(/- table "Each task with its derived status/);
    for (const header of ['Task', 'Status', 'Acceptance criteria', 'Last checkpoint', 'Spec', 'Contradictions']) expect(tree).toContain(`- columnheader "${header}"`);
    expect(tree).toMatch(/- rowheader "0001 Orchestrator core implementation/);
    expect(tree).toContain('- img "6 of 30 acceptance criteria ticked: 3 proven, 0 unproven, 3 failed; 24 open"');
    expect(tree).toContain('- img "3 of 26 items ticked: 1 proven, 0 unproven, 2 failed; 23 open"');

    // Every link reaches a file of the repository from the page's own folder.
    const hrefs = await page.$$eval('a[href]', (links) => (links as unknown as DomElement[]).map((a) => a.href));
    for (const href of hrefs.filter((h) => !h.includes('#'))) {
      expect(href.startsWith('file:'), href).toBe(true);
      expect(fileURLToPath(href).startsWith(root + path.sep), href).toBe(true);
      expect(existsSync(fileURLToPath(href)), href).toBe(true);
    }

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(20_000);

    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => page.locator('table.tasks').isVisible()).toBe(true);
    const failedColour = await page.$eval('[data-task="0001"] .seg.failed', (e) => {
      const style = (globalThis as InPage).getComputedStyle(e as unknown as DomElement);
      return [style.backgroundColor, style.printColorAdjust];
    });
    expect(failedColour).toEqual(['rgb(207, 34, 46)', 'exact']);
    const pdf = path.join(tempRepo(), 'board.pdf');
    await page.pdf({ path: pdf, format: 'A4', landscape: true, printBackground: true });
    expect(statSync(pdf).size).toBeGreaterThan(10_000);
    await page.close();
  });

  it('a repository with a task in every status: each row shows what `brief` says', async () => {
    const root = multiTaskRepo();
    const opened = await openBoard(root, MULTI_NOW);
    expectOffline(opened);
    const shown = await shownTasks(opened.page);
    expect(Object.fromEntries(shown.map((t) => [t.task, t.status]))).toEqual(MULTI_STATUSES);
    for (const task of shown) expect(task, `task ${task.task}`).toEqual(await expectedFromBrief(root, task.task, MULTI_NOW));
    const tree = await accessibilityTree(opened.page);
    expect(tree).toContain('- img "5 of 8 acceptance criteria ticked: 2 proven, 1 unproven, 2 failed; 3 open"');
    expect(tree).toMatch(/- table "1 of 1 mini-specs need a review/);
    await opened.page.close();
  });
});
