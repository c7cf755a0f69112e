/**
 * `init` finds the layouts a repository already has, by the files present, writes their presets into the
 * config and says what it found; a template or archive folder never counts as live state; a repository
 * where nothing matches follows specguard's own layout and is told so. After `init`, `check` covers the
 * layout's live task files.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { detectPresets } from '../../src/init/detect-presets.js';
import { runCli } from '../helpers/run-cli.js';
import type { FileTree } from '../helpers/temp-repo.js';
import { projectRepo } from './init-repo.js';

const NOW = ['--now', '2026-11-21'];

/** Runs `init --yes` in a committed project with these files; returns what it printed and the config's presets. */
async function initIn(files: FileTree): Promise<{ root: string; stdout: string; presets: string[] }> {
  const root = projectRepo(files);
  const run = await runCli(['init', '--yes'], root);
  expect(run.code, run.stderr).toBe(0);
  const config = parse(readFileSync(path.join(root, 'specguard.config.yaml'), 'utf8')) as { presets: string[] };
  return { root, stdout: run.stdout, presets: config.presets };
}

const LAYOUTS: Array<[string, FileTree, string]> = [
  [
    'spec-kit',
    {
      '.specify/templates/tasks-template.md': '- [ ] T001 [P] Example task\n',
      'specs/001-rsvp/spec.md': '# RSVP\n\n**Status**: Draft\n',
      'specs/001-rsvp/tasks.md': '- [ ] T001 Create the table\n',
      'specs/002-search/spec.md': '# Search\n\n**Status**: Draft\n',
      'specs/002-search/tasks.md': '- [ ] T001 Index\n',
    },
    'spec-kit layout (task-list 2 files, feature-spec 2 files)',
  ],
  ['openspec', { 'openspec/changes/add-export/tasks.md': '## 1. Export\n\n- [ ] 1.1 CSV\n', 'openspec/changes/add-export/proposal.md': '# Add export\n' }, 'openspec layout (task-list 1 file, feature-spec 1 file)'],
  ['backlog-md', { 'backlog/config.yml': 'project_name: shop\n', 'backlog/tasks/task-1 - Start.md': '---\nid: task-1\ntitle: Start\nstatus: To Do\n---\n\n- [ ] #1 Begin\n' }, 'backlog-md layout (task-list 1 file)'],
  ['kiro', { '.kiro/specs/editor/tasks.md': '- [ ] 1. Shell\n', '.kiro/specs/editor/requirements.md': '# Requirements\n' }, 'kiro layout (task-list 1 file, feature-spec 1 file)'],
  ['ai-dev-tasks', { 'tasks/prd-profile.md': '# PRD\n', 'tasks/tasks-profile.md': '## Tasks\n\n- [ ] 1.0 Profile\n  - [ ] 1.1 Form\n' }, 'ai-dev-tasks layout (task-list 1 file)'],
];

describe('init finds existing layouts', () => {
  it.each(LAYOUTS)('%s: writes the preset, says what it found, and check covers its task files', async (name, files, found) => {
    const { root, stdout, presets } = await initIn(files);
    expect(presets).toEqual([name]);
    expect(stdout).toContain(`found        ${found}\n`);
    expect(stdout).not.toContain('no existing layout recognised');
    // No copies of specguard's own schemas for another ecosystem's layout.
    expect(stdout).not.toContain('specguard/schemas/');
    const report = JSON.parse((await runCli(['check', '--format', 'json', ...NOW], root)).stdout) as { summary: { files: number } };
    const taskFiles = Number(/task-list (\d+) file/.exec(found)![1]);
    expect(report.summary.files).toBeGreaterThanOrEqual(taskFiles);
  });

  it('never takes a template or an archive for live state', () => {
    expect(detectPresets(['.specify/templates/tasks-template.md', '.specify/memory/constitution.md'])).toEqual([]);
    expect(detectPresets(['.kiro/specs/_archived/old/tasks.md'])).toEqual([]);
    expect(detectPresets(['backlog/archive/tasks/task-1 - Old.md'])).toEqual([]);
    expect(detectPresets(['.specify/templates/tasks-template.md', 'specs/001-x/tasks.md']).map((d) => d.name)).toEqual(['spec-kit']);
  });

  it("keeps specguard's own layout alone where seed 004's task lists would also read as ai-dev-tasks", () => {
    const files = ['.ai-dev-tasks/process-task-list.md', 'tasks/tasks-0001-codex-orchestrator.md', 'tasks/specs/0001-orchestrator-architecture.md', '.runs/3/a/manifest.json'];
    expect(detectPresets(files).map((d) => d.name)).toEqual(['specguard']);
  });

  it('finds two layouts side by side', async () => {
    const { stdout, presets } = await initIn({ ...LAYOUTS[0]![1], ...LAYOUTS[1]![1] });
    expect(presets).toEqual(['openspec', 'spec-kit']);
    expect(stdout).toContain('found        openspec layout');
    expect(stdout).toContain('found        spec-kit layout');
  });

  it("says when no layout is recognised, and follows specguard's own", async () => {
    const { stdout, presets } = await initIn({});
    expect(presets).toEqual(['specguard']);
    expect(stdout.split('\n')[0]).toBe('layout       no existing layout recognised; using the specguard preset');
  });

  it('a second init keeps the presets the config names', async () => {
    const { root } = await initIn(LAYOUTS[0]![1]);
    const again = await runCli(['init', '--yes'], root);
    expect(again.stdout).toContain('unchanged    specguard.config.yaml');
    expect(again.stdout).not.toContain('git commit');
  });
});
