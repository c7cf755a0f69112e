/**
 * status-contradiction: a task declared done while criteria are open (or,
 * where the layout holds ticked boxes to evidence, unproven or citing failed
 * evidence); declared not started while every criterion is ticked (a
 * warning); an archived change with open tasks. The finding stands on the
 * status and lists the task's other files as related, so a change to the task
 * list alone brings it into a pull request's report.
 */
import { describe, expect, it } from 'vitest';
import { checkRepo, findingsOf, lines, manifest, markdown, NOW, places, ruleFindings } from '../helpers/check-repo.js';
import { branch, commitFiles, committedRepo } from '../helpers/git-fixtures.js';
import { runCli } from '../helpers/run-cli.js';
import type { Report } from '../../src/findings/finding.js';

const RULE = 'status-contradiction';
const LIST = 'tasks/tasks-0002-example.md';
const SPECGUARD = 'presets: [specguard]\n';
const SPEC_KIT = 'presets: [spec-kit]\n';
const SPEC = 'specs/001-rsvp/spec.md';
const TASKS = 'specs/001-rsvp/tasks.md';

/** A spec-kit feature: spec.md declaring `status` on line 3, tasks.md with these items. */
function specKit(status: string, ...items: string[]): Record<string, string> {
  return {
    'specguard.config.yaml': SPEC_KIT,
    '.specify/memory/constitution.md': '# Constitution\n',
    [SPEC]: lines('# Feature Specification: RSVP', '', `**Status**: ${status}  `, '**Created**: 2025-09-01'),
    [TASKS]: lines('# Tasks: RSVP', '', ...items),
  };
}

describe('status-contradiction', () => {
  it('reports a task declared done with open boxes, on its status, naming the status, its place and the counts', async () => {
    const findings = await ruleFindings(RULE, {
      'specguard.config.yaml': SPECGUARD,
      'logs/agents.log': 'ok\n',
      [LIST]: markdown(['status: done'], '# Example', '', '- [x] Agents scaffolded — `logs/agents.log`', '- [ ] Reviewer wired in', '- [ ] Docs'),
    });
    expect(places(findings)).toEqual([[LIST, 2, 9]]);
    expect(findings[0]).toMatchObject({ severity: 'error', endLine: 2, endColumn: 13 });
    expect(findings[0]!.message).toBe(
      'Declared `done` (tasks/tasks-0002-example.md:2, `status`) but 2 of 3 criteria of task `0002` are not done: 2 open; the first is "Reviewer wired in" (tasks/tasks-0002-example.md:7). Finish and tick them, or correct the status.',
    );
    // The status is in the task list itself: nothing else is related.
    expect(findings[0]!.related).toBeUndefined();
  });

  it('reads a spec-kit status from spec.md beside tasks.md, and names tasks.md as related', async () => {
    const findings = await ruleFindings(RULE, specKit('Implemented', '- [X] T001 Create the events table', '- [ ] T002 RSVP endpoint'));
    expect(places(findings)).toEqual([[SPEC, 3, 13]]);
    expect(findings[0]!.message).toBe(
      'Declared `Implemented` (specs/001-rsvp/spec.md:3) but 1 of 2 criteria of task `001-rsvp` are not done: 1 open; the first is "T002 RSVP endpoint" (specs/001-rsvp/tasks.md:4). Finish and tick them, or correct the status.',
    );
    expect(findings[0]!.related).toEqual([TASKS]);
  });

  it('does not count open boxes deferred on purpose, and names the first box that is not', async () => {
    const deferredOnly = await ruleFindings(
      RULE,
      specKit('Complete', '- [X] T001 Events table', '- [ ] T002 Offline cache — DEFERRED', "- [ ] T003 Mobile layout (won't do)", '- [ ] T004 Push notifications: out of scope'),
    );
    expect(deferredOnly).toEqual([]);
    const findings = await ruleFindings(RULE, specKit('Complete', '- [X] T001 Events table', '- [ ] T002 Offline cache — DEFERRED', '- [ ] T003 RSVP endpoint'));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('but 1 of 3 criteria of task `001-rsvp` are not done: 1 open; the first is "T003 RSVP endpoint" (specs/001-rsvp/tasks.md:5)');
  });

  it('counts ticked boxes without evidence where checkbox-evidence is on (specguard), not where it is off (spec-kit)', async () => {
    const specguard = await ruleFindings(RULE, {
      'specguard.config.yaml': SPECGUARD,
      [LIST]: markdown(['status: done'], '- [x] Lint passes', '- [x] Tests pass'),
    });
    expect(places(specguard)).toEqual([[LIST, 2, 9]]);
    expect(specguard[0]!.message).toContain('but 2 of 2 criteria of task `0002` are not done: 2 ticked without evidence; the first is "Lint passes" (tasks/tasks-0002-example.md:4)');
    expect(await ruleFindings(RULE, specKit('Implemented', '- [X] T001 Lint passes', '- [X] T002 Tests pass'))).toEqual([]);
    // The config's own rules decide first: with checkbox-evidence off, specguard's task list needs no evidence either.
    const off = await ruleFindings(RULE, {
      'specguard.config.yaml': `${SPECGUARD}rules:\n  checkbox-evidence: off\n`,
      [LIST]: markdown(['status: done'], '- [x] Lint passes'),
    });
    expect(off).toEqual([]);
  });

  it('counts failed or missing evidence only where evidence is required', async () => {
    const specguard = await ruleFindings(RULE, {
      'specguard.config.yaml': SPECGUARD,
      '.runs/1/manifest.json': manifest({ task_id: '0002', status: 'failed' }),
      [LIST]: markdown(['status: done'], '- [x] Tests pass — `.runs/1/manifest.json`', '- [x] Build — see `dist/missing.js`'),
    });
    expect(specguard).toHaveLength(1);
    expect(specguard[0]!.message).toContain('2 of 2 criteria of task `0002` are not done: 2 citing missing or failed evidence; the first is "Tests pass — .runs/1/manifest.json"');
    // spec-kit: a ticked task citing a missing file is evidence-missing's business (turned on here), not a status contradiction.
    const files = specKit('Implemented', '- [X] T001 Events table, see `src/db/events.sql`');
    files['specguard.config.yaml'] = `${SPEC_KIT}rules:\n  evidence-missing: error\n`;
    const report = await checkRepo(files);
    expect(findingsOf(report, RULE)).toEqual([]);
    expect(places(findingsOf(report, 'evidence-missing'))).toEqual([[TASKS, 3, 30]]);
  });

  it('follows checkbox-evidence for the file whichever preset found the task (two presets, one glob)', async () => {
    // ai-dev-tasks turns checkbox-evidence off for tasks/tasks-*.md, which the specguard preset also finds.
    const files = {
      'specguard.config.yaml': 'presets: [specguard, ai-dev-tasks]\n',
      [LIST]: markdown(['status: done'], '- [x] 1.0 Profile page', '  - [x] 1.1 Form'),
    };
    const report = await checkRepo(files);
    expect(findingsOf(report, 'checkbox-evidence')).toEqual([]);
    expect(findingsOf(report, RULE)).toEqual([]);
  });

  it('warns about a task declared not started while every box is ticked', async () => {
    const findings = await ruleFindings(RULE, specKit('Draft', '- [X] T001 Events table', '- [x] T002 RSVP endpoint'));
    expect(places(findings)).toEqual([[SPEC, 3, 13]]);
    expect(findings[0]!.severity).toBe('warning');
    expect(findings[0]!.message).toBe('Declared `Draft` (specs/001-rsvp/spec.md:3) but all 2 criteria of task `001-rsvp` are ticked; update the status.');
    // Not started with a box still open is consistent.
    expect(await ruleFindings(RULE, specKit('Draft', '- [X] T001 Events table', '- [ ] T002 RSVP endpoint'))).toEqual([]);
  });

  it('reports an archived OpenSpec change with open tasks, on its tasks.md, declared done by its place', async () => {
    const archived = 'openspec/changes/archive/2025-08-13-add-archive-command/tasks.md';
    const findings = await ruleFindings(RULE, {
      'specguard.config.yaml': 'presets: [openspec]\n',
      'openspec/project.md': '# Project\n',
      [archived]: lines('## 1. Command', '', '- [x] 1.1 Add the command', '- [ ] 1.2 Move the folder', '- [ ] 1.3 Tests'),
      'openspec/changes/archive/2025-10-02-add-list-command/tasks.md': lines('## 1. Command', '', '- [x] 1.1 List changes'),
      // A live change with open tasks declares nothing.
      'openspec/changes/add-2fa/tasks.md': lines('## 1. Auth', '', '- [x] 1.1 Flag', '- [ ] 1.2 Verify'),
    });
    expect(places(findings)).toEqual([[archived, 1, 1]]);
    expect(findings[0]!.severity).toBe('error');
    expect(findings[0]!.message).toBe(
      `Archived (its place in an archive folder) but 2 of 3 criteria of task \`add-archive-command\` are not done: 2 open; the first is "1.2 Move the folder" (${archived}:4). Finish and tick them, or correct the status.`,
    );
  });

  it('follows a spec-kit spec.md that only points to the spec next to its folder, named like it', async () => {
    const files = {
      ...specKit('Draft', '- [ ] T001 Events table'),
      [SPEC]: lines('# Feature Spec 001: RSVP', '', '> Canonical spec: [../001-rsvp.md](../001-rsvp.md)', '>', '> This file is a pointer.'),
      'specs/001-rsvp.md': lines('# Feature Spec 001: RSVP', '', '> Priority: P1', '> Status: Implemented'),
    };
    const findings = await ruleFindings(RULE, files);
    expect(findings.map((f) => [f.file, f.line, f.message.split(' but ')[0]])).toEqual([['specs/001-rsvp.md', 4, 'Declared `Implemented` (specs/001-rsvp.md:4)']]);
  });

  it("reads a Kiro spec's status from the `## Status` section of its folder's README.md", async () => {
    const readme = '.kiro/specs/1-ui-design-system/README.md';
    const files = {
      'specguard.config.yaml': 'presets: [kiro]\n',
      '.kiro/specs/1-ui-design-system/requirements.md': '# Requirements\n',
      '.kiro/specs/1-ui-design-system/tasks.md': lines('# Implementation Plan', '', '- [x] 1. Design tokens', '- [ ] 2. Spacing tests', '- [ ]* 3. Visual regression (optional)'),
      [readme]: lines('# UI Design System', '', '## Overview', '', 'Tokens.', '', '## Status', '', '✅ **Complete** - All tasks implemented and tested'),
    };
    const findings = await ruleFindings(RULE, files);
    expect(findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        readme,
        9,
        'Declared `✅ **Complete** - All tasks implemented and tested` (' + readme + ':9) but 1 of 2 criteria of task `1-ui-design-system` are not done: 1 open; the first is "2. Spacing tests" (.kiro/specs/1-ui-design-system/tasks.md:4). Finish and tick them, or correct the status.',
      ],
    ]);
  });

  it("judges each section that declares a status of its own over the boxes below its heading (TheMonk's process task lists)", async () => {
    const list = '000_core/artifacts/003_process-task-list-B-1012-Memory.md';
    const files = {
      'specguard.config.yaml': 'presets: [ai-dev-tasks]\n',
      [list]: lines(
        '# Process Task List: B-1012 Memory', //                  1
        '', //                                                    2
        '## Execution Overview', //                               3
        '', //                                                    4
        '**Status**: Ready for execution', //                     5
        '', //                                                    6
        '## Tasks', //                                            7
        '', //                                                    8
        '#### Task 1: Extend the schema', //                      9
        '**Status**: ✅ Completed', //                            10
        '', //                                                    11
        '**Quality Gates**:', //                                  12
        '- [ ] Migration script reviewed for safety', //          13
        '- [ ] All schema tests pass', //                         14
        '', //                                                    15
        '#### Task 2: Update the dataclasses', //                 16
        '**Status**: ✅ Completed', //                            17
        '', //                                                    18
        '- [x] Dataclasses carry the new fields', //              19
        '', //                                                    20
        '#### Task 3: Decision queries', //                       21
        '**Status**: [ ] Not started', //                         22
        '', //                                                    23
        '- [x] Query by decision head', //                        24
      ),
    };
    const findings = await ruleFindings(RULE, files);
    expect(findings.map((f) => [f.line, f.severity, f.message])).toEqual([
      [
        10,
        'error',
        'Declared `✅ Completed` (' + list + ':10) but 2 of 2 criteria of section "Task 1: Extend the schema" of task `B-1012` are not done: 2 open; the first is "Migration script reviewed for safety" (' + list + ':13). Finish and tick them, or correct the status.',
      ],
      [22, 'warning', 'Declared `[ ] Not started` (' + list + ':22) but all 1 criteria of section "Task 3: Decision queries" of task `B-1012` are ticked; update the status.'],
    ]);
  });

  it('says nothing about a task that declares no status, or a status of no known category, or one in progress', async () => {
    expect(await ruleFindings(RULE, { 'specguard.config.yaml': SPECGUARD, [LIST]: lines('# Example', '', '- [x] Lint passes', '- [ ] Reviewer') })).toEqual([]);
    expect(await ruleFindings(RULE, specKit('[ ]', '- [ ] T001 Events table'))).toEqual([]);
    expect(await ruleFindings(RULE, specKit('In Progress', '- [X] T001 Events table', '- [ ] T002 RSVP'))).toEqual([]);
    // Declared done with nothing to tick: nothing contradicts it.
    expect(await ruleFindings(RULE, { 'specguard.config.yaml': SPECGUARD, [LIST]: markdown(['status: done'], '# Example', '', 'No boxes.') })).toEqual([]);
  });

  it('is silent when the config turns it off', async () => {
    const files = specKit('Implemented', '- [ ] T001 Events table');
    files['specguard.config.yaml'] = `${SPEC_KIT}rules:\n  status-contradiction: off\n`;
    expect(await ruleFindings(RULE, files)).toEqual([]);
  });
});

describe('status-contradiction in pull-request mode', () => {
  it('reports a finding on an unchanged spec.md when the change touches only tasks.md (its related file)', async () => {
    const files = specKit('Implemented', '- [X] T001 Events table', '- [X] T002 RSVP endpoint');
    const { root, sha } = committedRepo(files, '2026-01-02T09:00:00Z');
    branch(root);
    // The change adds an open task to tasks.md; spec.md still says Implemented.
    commitFiles(root, { [TASKS]: lines('# Tasks: RSVP', '', '- [X] T001 Events table', '- [X] T002 RSVP endpoint', '- [ ] T003 Waitlist') }, 'feat(001-rsvp): add T003', '2026-11-20T09:00:00Z');

    const run = await runCli(['check', '--now', NOW, '--format', 'json', '--changed-since', 'main'], root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.changedSince).toMatchObject({ ref: 'main', base: sha, files: 1 });
    const findings = findingsOf(report, RULE);
    expect(places(findings)).toEqual([[SPEC, 3, 13]]);
    expect(findings[0]!.related).toEqual([TASKS]);
    expect(findings[0]!.message).toContain('the first is "T003 Waitlist" (specs/001-rsvp/tasks.md:5)');
  });

  it('leaves the finding out when the change touches neither file', async () => {
    const files = { ...specKit('Implemented', '- [X] T001 Events table', '- [ ] T002 RSVP endpoint'), 'README.md': '# Repo\n' };
    const { root } = committedRepo(files, '2026-01-02T09:00:00Z');
    branch(root);
    commitFiles(root, { 'README.md': '# Repo\n\nMore.\n' }, 'docs: more', '2026-11-20T09:00:00Z');
    const run = await runCli(['check', '--now', NOW, '--format', 'json', '--changed-since', 'main'], root);
    expect(findingsOf(JSON.parse(run.stdout) as Report, RULE)).toEqual([]);
    expect(run.code).toBe(0);
  });
});
