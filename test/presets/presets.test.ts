/**
 * Presets: every shipped preset is valid data (its schema, real rule ids,
 * real kinds, id patterns with one capture group), and a config that names
 * presets gets what they set: kinds' globs (unions, overridden by the
 * config's `kinds`), rule severities scoped to each preset's own files
 * (overridden by the config's `rules`), ignored templates, archived folders
 * held to status rules only, and the frontmatter keys an ecosystem writes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resolveConfig } from '../../src/config/load-config.js';
import { SpecguardError } from '../../src/errors.js';
import type { Finding, Report } from '../../src/findings/finding.js';
import { BUILTIN_KINDS } from '../../src/kinds/builtin-kinds.js';
import { PRESETS_DIR, schemaFile } from '../../src/package-paths.js';
import { DEFAULT_PRESET, loadPreset, presetLayer, presetNames } from '../../src/presets/load-presets.js';
import type { Preset } from '../../src/presets/preset.js';
import { isRuleId } from '../../src/rules/rule-ids.js';
import { SchemaRegistry } from '../../src/validate/schema-registry.js';
import { checkRepo, findingsOf, lines, manifest, markdown, places } from '../helpers/check-repo.js';
import { runCli } from '../helpers/run-cli.js';
import { tempRepo } from '../helpers/temp-repo.js';

/** A preset file as written, parsed on its own (not through the loader). */
function presetFile(name: string): Preset {
  return parse(readFileSync(path.join(PRESETS_DIR, `${name}.yaml`), 'utf8')) as Preset;
}

/** `[ruleId, file, line]` of each finding, for compact assertions. */
function ruleLines(findings: readonly Finding[]): Array<[string, string, number]> {
  return findings.map((f) => [f.ruleId, f.file, f.line]);
}

const validatePreset = new SchemaRegistry().validator(schemaFile('preset'));

describe('shipped presets', () => {
  it('are the YAML files of presets/, sorted, the default among them', () => {
    const names = presetNames();
    expect(names.length).toBeGreaterThan(0);
    expect(names).toEqual([...names].sort());
    expect(names).toContain(DEFAULT_PRESET);
  });

  it.each(presetNames())('%s validates against schemas/preset.schema.json, is named after its file, and loads as written', (name) => {
    const raw = presetFile(name);
    expect(validatePreset(raw).map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
    expect(raw.name).toBe(name);
    expect(loadPreset(name)).toEqual(raw);
  });

  it('the preset schema is a real check: it rejects a preset with no detect globs, an unknown key or a bad severity', () => {
    expect(validatePreset({ name: 'x', description: 'd', detect: [[]] })).not.toEqual([]);
    expect(validatePreset({ name: 'x', description: 'd', detect: [['a']], globs: ['a'] })).not.toEqual([]);
    expect(validatePreset({ name: 'x', description: 'd', detect: [['a']], rules: { 'checkbox-evidence': 'loud' } })).not.toEqual([]);
    expect(validatePreset({ name: 'x', description: 'd', detect: [['a']] })).toEqual([]);
  });

  it.each(presetNames())('%s sets severities of real rule ids only', (name) => {
    for (const id of Object.keys(presetFile(name).rules ?? {})) expect(isRuleId(id), `${name}: ${id}`).toBe(true);
  });

  it.each(presetNames())('%s lays out built-in kinds, and reads tasks from a kind it lays out', (name) => {
    const preset = presetFile(name);
    const builtIn = BUILTIN_KINDS.map((kind) => kind.name);
    for (const kind of Object.keys(preset.kinds ?? {})) expect(builtIn, `${name}: kind ${kind}`).toContain(kind);
    for (const source of preset.tasks ?? []) expect(preset.kinds?.[source.kind]?.globs.length, `${name}: tasks of ${source.kind}`).toBeGreaterThan(0);
  });

  it.each(presetNames())('%s: every id pattern compiles with exactly one capture group, every strip compiles', (name) => {
    for (const source of presetFile(name).tasks ?? []) {
      for (const rule of source.id) {
        if (rule.from === 'file') expect(new RegExp(`${rule.pattern}|`).exec('')!.length - 1, `${name}: ${rule.pattern}`).toBe(1);
        if (rule.from === 'folder' && rule.strip) expect(() => new RegExp(rule.strip!)).not.toThrow();
      }
    }
  });

  it('an unknown name throws a config error with the closest name and the list of presets', () => {
    expect(() => loadPreset('spec-kti')).toThrow(SpecguardError);
    expect(() => loadPreset('spec-kti')).toThrow(`unknown preset \`spec-kti\` (did you mean \`spec-kit\`?); presets: ${presetNames().join(', ')}`);
  });
});

describe('presets in a config', () => {
  it('an unknown preset name is exit 2 with one line naming its place, the closest name and the presets', async () => {
    const root = tempRepo({ 'specguard.config.yaml': lines('presets:', '  - specguard', '  - spec-kti'), 'tasks/tasks-0001.md': '- [ ] a\n' });
    const run = await runCli(['check', '.'], root);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const stderr = run.stderr.trimEnd().split('\n');
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toContain(`specguard.config.yaml:3:5: unknown preset \`spec-kti\` (did you mean \`spec-kit\`?); presets: ${presetNames().join(', ')}`);
  });

  it('without presets, a config follows the default preset', () => {
    const config = resolveConfig({}, tempRepo(), undefined);
    expect(config.presets).toEqual([DEFAULT_PRESET]);
    expect(config.tasks.map((t) => t.preset)).toEqual((presetFile(DEFAULT_PRESET).tasks ?? []).map(() => DEFAULT_PRESET));
  });

  const pairs = presetNames().flatMap((a, i) => presetNames().slice(i + 1).map((b) => [a, b] as [string, string]));
  it.each(pairs)('presets [%s, %s] give each kind the union of their globs, in order (the built-in globs where neither names it)', (a, b) => {
    const root = tempRepo();
    for (const names of [
      [a, b],
      [b, a],
    ]) {
      const config = resolveConfig({ presets: names }, root, undefined);
      expect(config.presets).toEqual(names);
      for (const kind of config.kinds) {
        const named = names.flatMap((name) => presetFile(name).kinds?.[kind.name]?.globs ?? []);
        const builtIn = BUILTIN_KINDS.find((k) => k.name === kind.name)!.globs;
        expect(kind.globs, `${names.join('+')}: ${kind.name}`).toEqual(named.length > 0 ? [...new Set(named)] : builtIn);
      }
      const ignored = names.flatMap((name) => presetFile(name).ignore ?? []);
      for (const glob of ignored) expect(config.ignore).toContain(glob);
      expect(config.archived).toEqual([...new Set(names.flatMap((name) => presetFile(name).archived ?? []))]);
    }
  });

  it('checks the task lists of both layouts in a repository that follows two presets', async () => {
    // In each, a ticked box over an open one.
    const files = {
      'tasks/tasks-0001-lint.md': lines('- [x] Lint passes', '  - [ ] Fix the warnings'),
      'specs/001-rsvp/tasks.md': lines('- [X] T001 Events table', '  - [ ] T002 Index'),
    };
    const report = await checkRepo({ 'specguard.config.yaml': 'presets: [specguard, spec-kit]\n', ...files });
    expect(report.summary.files).toBe(2);
    expect(places(findingsOf(report, 'checkbox-parent-open'))).toEqual([
      ['specs/001-rsvp/tasks.md', 1, 3],
      ['tasks/tasks-0001-lint.md', 1, 3],
    ]);
    // One preset alone does not find the other's files.
    const one = await checkRepo({ 'specguard.config.yaml': 'presets: [spec-kit]\n', ...files });
    expect(one.summary.files).toBe(1);
    expect(places(findingsOf(one, 'checkbox-parent-open'))).toEqual([['specs/001-rsvp/tasks.md', 1, 3]]);
  });

  it("scopes a preset's rule severity to the files its globs find: checkbox-evidence is off for specs/*/tasks.md, an error for tasks/tasks-*.md", async () => {
    const files = {
      'tasks/tasks-0001-lint.md': lines('# Lint', '', '- [x] Lint passes'),
      'specs/001-rsvp/tasks.md': lines('# Tasks: RSVP', '', '- [X] T001 Create the events table'),
    };
    for (const presets of ['[specguard, spec-kit]', '[spec-kit, specguard]']) {
      const report = await checkRepo({ 'specguard.config.yaml': `presets: ${presets}\n`, ...files });
      const evidence = findingsOf(report, 'checkbox-evidence');
      expect(places(evidence), presets).toEqual([['tasks/tasks-0001-lint.md', 3, 3]]);
      expect(evidence[0]!.severity).toBe('error');
    }
  });

  it("the config's rules override a preset's severities, everywhere", async () => {
    const files = { 'specs/001-rsvp/tasks.md': lines('# Tasks: RSVP', '', '- [X] T001 Create the events table') };
    expect(findingsOf(await checkRepo({ 'specguard.config.yaml': 'presets: [spec-kit]\n', ...files }), 'checkbox-evidence')).toEqual([]);
    const report = await checkRepo({ 'specguard.config.yaml': 'presets: [spec-kit]\nrules:\n  checkbox-evidence: warning\n', ...files });
    const evidence = findingsOf(report, 'checkbox-evidence');
    expect(places(evidence)).toEqual([['specs/001-rsvp/tasks.md', 3, 3]]);
    expect(evidence[0]!.severity).toBe('warning');
  });

  it("the config's kinds override a preset's globs", async () => {
    const files = {
      'specs/001-rsvp/tasks.md': lines('- [X] T001 Events table', '  - [ ] T002 Index'),
      'features/002-chat/tasks.md': lines('- [X] T001 Chat table', '  - [ ] T002 Index'),
    };
    const preset = await checkRepo({ 'specguard.config.yaml': 'presets: [spec-kit]\n', ...files });
    expect(ruleLines(findingsOf(preset, 'checkbox-parent-open'))).toEqual([['checkbox-parent-open', 'specs/001-rsvp/tasks.md', 1]]);
    const config = 'presets: [spec-kit]\nkinds:\n  task-list:\n    globs: ["features/*/tasks.md"]\n';
    const moved = await checkRepo({ 'specguard.config.yaml': config, ...files });
    expect(ruleLines(findingsOf(moved, 'checkbox-parent-open'))).toEqual([['checkbox-parent-open', 'features/002-chat/tasks.md', 1]]);
    expect(resolveConfig({ presets: ['spec-kit'], kinds: { 'task-list': { globs: ['features/*/tasks.md'] } } }, tempRepo(), undefined).kinds.find((k) => k.name === 'task-list')!.globs).toEqual([
      'features/*/tasks.md',
    ]);
  });

  it("never reads a preset's ignored templates, even where a config's glob would find them (spec-kit's .specify/templates/)", async () => {
    // spec-kit's tasks template: frontmatter a task list may not have, and a ticked box citing nothing.
    const template = markdown(['description: "Task list template for feature implementation"'], '# Tasks: [FEATURE NAME]', '', '- [ ] T001 Create project structure', '- [X] T002 Initialize [language] project');
    const files = {
      '.specify/templates/tasks-template.md': template,
      'specs/001-rsvp/tasks.md': lines('# Tasks: RSVP', '', '- [ ] T001 Events table'),
    };
    const broad = 'kinds:\n  task-list:\n    globs: ["**/tasks*.md"]\nrules:\n  checkbox-evidence: error\n';
    const ignored = await checkRepo({ 'specguard.config.yaml': `presets: [spec-kit]\n${broad}`, ...files });
    expect(summaryOf(ignored)).toEqual({ files: 1, findings: [] });
    // The control: the same glob without the preset reads the template, and finds what is wrong with it.
    const read = await checkRepo({ 'specguard.config.yaml': `presets: [specguard]\n${broad}`, ...files });
    expect(read.summary.files).toBe(2);
    expect(ruleLines(read.findings)).toEqual([
      ['frontmatter-schema', '.specify/templates/tasks-template.md', 2],
      ['checkbox-evidence', '.specify/templates/tasks-template.md', 7],
    ]);
  });

  it('leaves archived folders (OpenSpec changes/archive/) to the status rules: no evidence findings, but status-contradiction', async () => {
    const tasks = (where: string): string =>
      lines(
        '## 1. Export',
        '',
        `- [x] 1.1 CSV writer, see \`src/export/missing-${where}.ts\``,
        '- [x] 1.2 Tests pass — `.runs/1/manifest.json`',
        '- [x] 1.3 CLI flag',
        '  - [ ] 1.3.1 Help text',
        '- [x] 1.4 Changelog',
      );
    const live = 'openspec/changes/add-export/tasks.md';
    const archived = 'openspec/changes/archive/2025-11-06-add-pdf-export/tasks.md';
    const report = await checkRepo({
      // The evidence rules on, whatever the preset says: the archive is still left alone.
      'specguard.config.yaml': 'presets: [openspec]\nrules:\n  evidence-missing: error\n  evidence-failed: error\n',
      'openspec/project.md': '# Project\n',
      '.runs/1/manifest.json': manifest({ task_id: 'add-export', status: 'failed' }),
      [live]: tasks('live'),
      [archived]: tasks('archived'),
    });
    expect(ruleLines(report.findings.filter((f) => f.file === live))).toEqual([
      ['evidence-missing', live, 3],
      ['evidence-failed', live, 4],
      ['checkbox-parent-open', live, 5],
    ]);
    expect(ruleLines(report.findings.filter((f) => f.file === archived))).toEqual([['status-contradiction', archived, 1]]);
    expect(report.findings.find((f) => f.file === archived)!.message).toBe(
      `Archived (its place in an archive folder) but 1 of 5 criteria of task \`add-pdf-export\` are not done: 1 open; the first is "1.3.1 Help text" (${archived}:6). Finish and tick them, or correct the status.`,
    );
    // The live change declares no status: nothing contradicts it.
    expect(findingsOf(report, 'status-contradiction')).toHaveLength(1);
  });

  it('accepts the frontmatter keys a preset lists (Backlog.md), and still reports an unlisted one at its key', async () => {
    const task = 'backlog/tasks/back-9 - Import.md';
    const report = await checkRepo({
      'specguard.config.yaml': 'presets: [backlog-md]\n',
      'backlog/config.yml': 'project_name: "Demo"\n',
      [task]: markdown(
        [
          'id: BACK-9',
          'title: Import',
          'status: To Do',
          'assignee: @maria',
          'reporter: @lee',
          "created_date: '2025-08-01 10:00'",
          'labels: [import]',
          'dependencies: [BACK-7]',
          'parent_task_id: BACK-2',
          'references:',
          '  - https://example.com/spec',
          'modified_files:',
          '  - src/import.ts',
          'ordinal: 3000',
          'estimate: 3',
          'priority: high',
        ],
        '## Acceptance Criteria',
        '<!-- AC:BEGIN -->',
        '- [ ] #1 Import a CSV file',
        '<!-- AC:END -->',
      ),
    });
    expect(findingsOf(report, 'frontmatter-syntax')).toEqual([]);
    const schema = findingsOf(report, 'frontmatter-schema');
    expect(places(schema)).toEqual([[task, 16, 1]]);
    expect(schema[0]!.message).toContain('Unknown key `estimate` in the frontmatter.');
    expect(report.findings).toEqual(schema);
  });

  it('folds a name given twice once, and keeps the task sources in the order of the names', () => {
    const names = presetNames();
    const layer = presetLayer([...names, ...names]);
    expect(layer.names).toEqual(names);
    expect(layer.tasks.map((t) => t.preset)).toEqual(names.flatMap((name) => (presetFile(name).tasks ?? []).map(() => name)));
  });
});

/** A report's file count and findings, for a compact assertion. */
function summaryOf(r: Report): { files: number; findings: Finding[] } {
  return { files: r.summary.files, findings: r.findings };
}
