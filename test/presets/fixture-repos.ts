/**
 * One small repository per preset, each written in its ecosystem's own style
 * (file names, folders, status lines, checkbox forms), as a real git
 * repository whose files land in a few commits at fixed dates. The line
 * numbers the layout tests expect are read straight off these texts: every
 * file is built with `lines(...)`, so line N is the N-th argument.
 */
import { cpSync } from 'node:fs';
import path from 'node:path';
import { lines, markdown } from '../helpers/check-repo.js';
import { commitAll, gitInit, tempRepo, writeFiles, type FileTree } from '../helpers/temp-repo.js';

/** The clock the layout tests check at. */
export const LAYOUT_NOW = '2026-11-21';

/** A config that names one preset. */
export function presetConfig(...names: string[]): string {
  return `presets: [${names.join(', ')}]\n`;
}

/**
 * A new git repository on `main` whose files land in these commits, in order, each at its date.
 * @returns the repository's root
 */
export function historyRepo(commits: ReadonlyArray<{ message: string; date: string; files: FileTree }>): string {
  const root = tempRepo();
  gitInit(root);
  for (const { message, date, files } of commits) {
    writeFiles(root, files);
    commitAll(root, message, date);
  }
  return root;
}

// ---------------------------------------------------------------------------------------------------------------
// spec-kit: specs/NNN-feature/{spec,plan,tasks}.md, status in spec.md's body, `[X]` from /speckit.implement.

export const SPEC_KIT = {
  discovery: 'specs/001-event-discovery',
  rsvp: 'specs/002-rsvp',
  directory: 'specs/003-user-directory',
  template: '.specify/templates/tasks-template.md',
} as const;

/** spec-kit's tasks template: frontmatter a task list's schema does not allow, and a ticked box citing nothing. */
const SPEC_KIT_TEMPLATE = lines(
  '---',
  'description: "Task list template for feature implementation"',
  '---',
  '',
  '# Tasks: [FEATURE NAME]',
  '',
  '**Input**: Design documents from `/specs/[###-feature-name]/`',
  '',
  '## Format: `[ID] [P?] [Story] Description`',
  '',
  '- **[P]**: Can run in parallel (different files, no dependencies)',
  '',
  '## Phase 1: Setup (Shared Infrastructure)',
  '',
  '- [ ] T001 Create project structure per implementation plan',
  '- [X] T002 Initialize [language] project with [framework] dependencies',
  '- [ ] T003 [P] Configure linting and formatting tools',
);

/** A spec.md in the current template's style: bold labels with a two-space hard break. */
function specKitSpec(title: string, branch: string, created: string, status: string): string {
  return lines(
    `# Feature Specification: ${title}`,
    '',
    `**Feature Branch**: \`${branch}\`  `,
    `**Created**: ${created}  `,
    `**Status**: ${status}  `,
    `**Input**: User description: "${title}"`,
    '',
    '## User Scenarios & Testing *(mandatory)*',
    '',
    '### User Story 1 - Browse (Priority: P1)',
    '',
    '## Requirements *(mandatory)*',
    '',
    '- **FR-001**: System MUST list upcoming events.',
  );
}

/**
 * spec-kit: 001 is `**Status**: Implemented` with every task `[X]` but one `— DEFERRED`; 002, an older spec,
 * says `> Status: Implemented` while two of its four tasks are open; 003 is `**Status**: Draft` with every task
 * ticked. The template under `.specify/templates/` is never read.
 */
export function specKitRepo(): string {
  const { discovery, rsvp, directory } = SPEC_KIT;
  return historyRepo([
    {
      message: 'chore: speckit init',
      date: '2025-09-01T09:00:00Z',
      files: {
        'specguard.config.yaml': presetConfig('spec-kit'),
        '.specify/memory/constitution.md': lines('# Community Events Constitution', '', '## Core Principles', '', '### I. Library-First'),
        [SPEC_KIT.template]: SPEC_KIT_TEMPLATE,
        '.specify/templates/spec-template.md': specKitSpec('[FEATURE NAME]', '[###-feature-name]', '[DATE]', 'Draft'),
      },
    },
    {
      message: 'feat(001-event-discovery): implement event discovery (T001-T006)',
      date: '2025-09-03T15:30:00Z',
      files: {
        [`${discovery}/spec.md`]: specKitSpec('Event Discovery', '001-event-discovery', '2025-09-01', 'Implemented'),
        [`${discovery}/plan.md`]: lines('# Implementation Plan: Event Discovery', '', '**Branch**: `001-event-discovery` | **Date**: 2025-09-01 | **Spec**: [spec.md](./spec.md)'),
        [`${discovery}/tasks.md`]: lines(
          '# Tasks: Event Discovery',
          '',
          '**Input**: Design documents from `/specs/001-event-discovery/`',
          '',
          '## Phase 1: Setup',
          '',
          '- [X] T001 Create project structure per implementation plan',
          '- [X] T002 [P] Configure linting and formatting tools',
          '',
          '## Phase 2: User Story 1 - Browse upcoming events (Priority: P1)',
          '',
          '- [X] T003 [P] [US1] Create Event model in src/models/event.ts',
          '- [x] T004 [US1] Implement EventService in src/services/event-service.ts',
          '- [X] T005 [US1] GET /api/events endpoint in src/api/events.ts',
          '- [ ] T006 [US1] Offline cache for the event list — DEFERRED',
          '',
          '**Checkpoint**: User Story 1 is fully functional',
        ),
      },
    },
    {
      message: 'feat(002-rsvp): RSVP spec and tasks',
      date: '2025-09-10T11:00:00Z',
      files: {
        [`${rsvp}/spec.md`]: lines(
          '# Feature Specification: RSVP',
          '',
          '> Feature Branch: `002-rsvp`',
          '> Status: Implemented',
          '',
          '## Requirements',
          '',
          '- **FR-001**: Members MUST be able to RSVP to an event.',
        ),
        [`${rsvp}/tasks.md`]: lines(
          '# Tasks: RSVP',
          '',
          '## Phase 1: Setup',
          '',
          '- [X] T001 Create rsvps table migration in src/db/migrations/002_rsvps.sql',
          '- [X] T002 [P] [US1] RSVP model in src/models/rsvp.ts',
          '- [ ] T003 [US1] POST /api/events/:id/rsvp in src/api/rsvp.ts',
          '- [ ] T004 [US1] Waitlist when the event is full',
        ),
      },
    },
    {
      message: 'feat(003-user-directory): directory',
      date: '2025-09-20T16:45:00Z',
      files: {
        [`${directory}/spec.md`]: specKitSpec('User Directory', '003-user-directory', '2025-09-18', 'Draft'),
        [`${directory}/tasks.md`]: lines('# Tasks: User Directory', '', '## Phase 1: Setup', '', '- [X] T001 Directory page in src/pages/directory.tsx', '- [X] T002 [P] Search box'),
      },
    },
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// OpenSpec: openspec/changes/<id>/{proposal,tasks}.md; archived changes under changes/archive/YYYY-MM-DD-<id>/.

export const OPENSPEC = {
  live: 'openspec/changes/add-two-factor-auth',
  archivedOpen: 'openspec/changes/archive/2025-08-13-add-archive-command',
  archivedDone: 'openspec/changes/archive/2025-10-02-add-list-command',
} as const;

function proposal(title: string): string {
  return lines(`# Change: ${title}`, '', '## Why', '', 'Users asked for it.', '', '## What Changes', '', `- ${title}`, '', '## Impact', '', '- Affected specs: cli');
}

/**
 * OpenSpec: a live change (partly done; one ticked task cites a file that exists), a change archived with open
 * tasks (its ticked task cites a file that does not exist), and a change archived with every task ticked.
 */
export function openSpecRepo(): string {
  const { live, archivedOpen, archivedDone } = OPENSPEC;
  return historyRepo([
    {
      message: 'chore: openspec init',
      date: '2025-08-01T08:00:00Z',
      files: {
        'specguard.config.yaml': presetConfig('openspec'),
        'openspec/project.md': lines('# Project Context', '', '## Purpose', 'A CLI for spec-driven changes.'),
        'openspec/specs/cli-archive/spec.md': lines('# cli-archive Specification', '', '## Requirements', '', '### Requirement: Archive a change', '', '#### Scenario: Archive', '- **WHEN** a change is archived', '- **THEN** it moves to changes/archive/'),
        'src/cli/index.ts': 'export const cli = true;\n',
      },
    },
    {
      message: 'chore: archive add-archive-command change after deployment',
      date: '2025-08-13T17:20:00Z',
      files: {
        [`${archivedOpen}/proposal.md`]: proposal('Add archive command'),
        [`${archivedOpen}/tasks.md`]: lines(
          '## 1. Command',
          '',
          '- [x] 1.1 Add the archive command in `src/commands/archive.ts`',
          '- [ ] 1.2 Move the change folder under changes/archive/',
          '  - [ ] 1.2.1 Prefix the folder with the date',
          '',
          '## 2. Tests',
          '',
          '- [ ] 2.1 Test archiving a change',
        ),
        [`${archivedOpen}/specs/cli-archive/spec.md`]: lines('## ADDED Requirements', '', '### Requirement: Archive', '', '- [ ] not a task: a delta spec is ignored'),
      },
    },
    {
      message: 'chore: archive add-list-command change after deployment',
      date: '2025-10-02T10:00:00Z',
      files: {
        [`${archivedDone}/proposal.md`]: proposal('Add list command'),
        [`${archivedDone}/tasks.md`]: lines('## 1. Command', '', '- [x] 1.1 Add the list command', '- [x] 1.2 Print changes as a table'),
      },
    },
    {
      message: 'feat: two-factor auth proposal',
      date: '2025-11-04T12:00:00Z',
      files: {
        [`${live}/proposal.md`]: proposal('Add two-factor auth'),
        [`${live}/design.md`]: lines('## Context', '', 'TOTP only.'),
        [`${live}/tasks.md`]: lines(
          '## 1. Implementation',
          '',
          '- [x] 1.1 Wire the CLI flag in `src/cli/index.ts`',
          '- [x] 1.2 Store the secret',
          '- [ ] 1.3 Verify codes at login',
          '',
          '## 2. Docs',
          '',
          '- [ ] 2.1 Document the flag',
        ),
      },
    },
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// Backlog.md: backlog/tasks/<prefix>-<n> - <Title>.md with frontmatter; AC and DoD lists numbered `#1`.

export const BACKLOG = {
  setup: 'backlog/tasks/back-1 - Set-up-the-CLI.md',
  export: 'backlog/tasks/back-7 - Export-tasks-as-CSV.md',
  board: 'backlog/tasks/back-12 - Board-view.md',
  completed: 'backlog/completed/back-3 - Initial-docs.md',
  draft: 'backlog/drafts/draft-2 - Web-UI.md',
  archived: 'backlog/archive/tasks/back-7 - Old-export-idea.md',
  readme: 'backlog/tasks/readme.md',
} as const;

/** A Backlog.md task: frontmatter in Backlog.md's key order, then its sections. */
function backlogTask(frontmatter: readonly string[], title: string, description: string, ac: readonly string[], dod: readonly string[] = []): string {
  const body = ['## Description', '', '<!-- SECTION:DESCRIPTION:BEGIN -->', description, '<!-- SECTION:DESCRIPTION:END -->', '', '## Acceptance Criteria', '<!-- AC:BEGIN -->', ...ac, '<!-- AC:END -->'];
  if (dod.length > 0) body.push('', '## Definition of Done', '<!-- DOD:BEGIN -->', ...dod, '<!-- DOD:END -->');
  return markdown(frontmatter, '', `# ${title}`, '', ...body);
}

/**
 * Backlog.md: BACK-1 Done with every AC and DoD item ticked; BACK-7 Done (`assignee: @maria`, `reporter: @lee`,
 * unquoted as Backlog.md writes them) with AC #2 and DoD #3 open; BACK-12 To Do (`assignee: [@sam]`); BACK-3 in
 * completed/ (an older task without numbered items); a draft; and an archived task reusing id BACK-7, which is
 * not read (nor the folder readme's sample task).
 */
export function backlogRepo(): string {
  return historyRepo([
    {
      message: 'chore: backlog init',
      date: '2025-07-01T09:00:00Z',
      files: {
        'specguard.config.yaml': presetConfig('backlog-md'),
        'backlog/config.yml': lines('project_name: "Demo"', 'task_prefix: "back"', 'statuses: ["To Do", "In Progress", "Done"]', 'date_format: yyyy-mm-dd hh:mm'),
        [BACKLOG.readme]: lines('# Tasks', '', 'A sample task:', '', '- [x] #1 Not a real criterion'),
        [BACKLOG.completed]: backlogTask(
          ['id: BACK-3', 'title: Initial docs', 'status: Done', 'assignee: []', "created_date: '2025-06-03'", 'labels: []', 'dependencies: []'],
          'BACK-3 - Initial docs',
          'Write the README.',
          ['- [x] README explains install', '- [x] README explains usage'],
        ),
      },
    },
    {
      message: 'BACK-1 - Set up the CLI (#12)',
      date: '2025-07-04T10:15:00Z',
      files: {
        [BACKLOG.setup]: backlogTask(
          ['id: BACK-1', 'title: Set up the CLI', 'status: Done', 'assignee:', "  - '@codex'", "created_date: '2025-07-01 09:05'", 'labels:', '  - cli', 'dependencies: []', 'ordinal: 1000'],
          'BACK-1 - Set up the CLI',
          'Scaffold the command line.',
          ['- [x] #1 `backlog init` creates the folder', '- [x] #2 `backlog task create` writes a task file'],
          ['- [x] #1 Tests pass', '- [x] #2 Docs updated'],
        ),
      },
    },
    {
      message: 'BACK-7 - Export tasks as CSV',
      date: '2025-07-20T14:00:00Z',
      files: {
        [BACKLOG.export]: backlogTask(
          [
            'id: BACK-7',
            'title: Export tasks as CSV',
            'status: Done',
            'assignee: @maria',
            'reporter: @lee',
            "created_date: '2025-07-18 08:30'",
            "updated_date: '2025-07-20 14:00'",
            'labels: [export]',
            'dependencies: [BACK-1]',
            'priority: medium',
          ],
          'BACK-7 - Export tasks as CSV',
          'Export the board as CSV.',
          ['- [x] #1 `backlog export --csv` writes one row per task', '- [ ] #2 Columns follow the board order'],
          ['- [x] #1 Tests pass', '- [x] #2 Docs updated', '- [ ] #3 Final Summary added'],
        ),
        [BACKLOG.archived]: backlogTask(['id: BACK-7', 'title: Old export idea', 'status: In Progress', 'assignee: @maria'], 'BACK-7 - Old export idea', 'Superseded.', ['- [ ] #1 Export as XML']),
      },
    },
    {
      message: 'BACK-12 - Board view; DRAFT-2 - Web UI',
      date: '2025-08-02T09:30:00Z',
      files: {
        [BACKLOG.board]: backlogTask(
          ['id: BACK-12', 'title: Board view', 'status: To Do', 'assignee: [@sam]', "created_date: '2025-08-02 09:30'", 'labels: []', 'dependencies: []'],
          'BACK-12 - Board view',
          'Show tasks in columns.',
          ['- [ ] #1 Columns per status', '- [ ] #2 Keyboard navigation'],
        ),
        [BACKLOG.draft]: backlogTask(['id: DRAFT-2', 'title: Web UI', 'status: To Do', 'reporter: @lee', "created_date: '2025-08-02'"], 'DRAFT-2 - Web UI', 'A browser view.', ['- [ ] #1 Serve the board over HTTP']),
      },
    },
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// Kiro: .kiro/specs/<feature>/{requirements,design,tasks}.md; sub-tasks numbered, not indented; `[ ]*` optional.

export const KIRO = {
  editor: '.kiro/specs/weirdo-editor',
  warband: '.kiro/specs/4-warband-list',
  archived: '.kiro/specs/_archived/space-weirdos-ui',
} as const;

/**
 * Kiro: `weirdo-editor` ticks parent `2.` while its unindented sub-task `2.1` is open (and `2.2` is an optional
 * `[ ]*` task); `4-warband-list` is finished, its optional property test done too. The archived spec (open and
 * in-progress `[-]` items) and the steering docs are not read.
 */
export function kiroRepo(): string {
  const { editor, warband, archived } = KIRO;
  return historyRepo([
    {
      message: 'Initial Kiro specs',
      date: '2025-11-20T10:00:00Z',
      files: {
        'specguard.config.yaml': presetConfig('kiro'),
        '.kiro/steering/tech.md': lines('---', 'inclusion: manual', '---', '', '# Tech', '', '- [x] not a task: steering is ignored'),
        [`${archived}/tasks.md`]: lines('# Implementation Plan', '', '- [x] 1. Old UI shell', '- [-] 2. Split into smaller specs', '- [ ] 3. Never done'),
        [`${warband}/requirements.md`]: lines('# Requirements Document', '', '## Requirement 1', '', '**User Story:** As a player, I want a warband list.', '', '#### Acceptance Criteria', '', '1. WHEN the list loads THEN the system SHALL show every warband'),
        [`${warband}/tasks.md`]: lines(
          '# Implementation Plan',
          '',
          '- [x] 1. Warband list component',
          '  - Render one row per warband',
          '  - _Requirements: 1.1_',
          '',
          '- [x] 1.1 Sort by points',
          '  - _Requirements: 1.2_',
          '',
          '- [x]* 1.2 Write property test for sorting',
          '  - **Property 1: Sorted output**',
          '  - **Validates: Requirements 1.2**',
        ),
      },
    },
    {
      message: 'v1.9 weirdo editor tasks',
      date: '2025-12-06T18:00:00Z',
      files: {
        [`${editor}/requirements.md`]: lines('# Requirements Document', '', '## Introduction', '', 'An editor for one weirdo.'),
        [`${editor}/design.md`]: lines('# Design Document', '', '## Overview', '', 'React components.'),
        [`${editor}/tasks.md`]: lines(
          '# Implementation Plan',
          '',
          '- [x] 1. Set up the editor shell',
          '  - Create the layout component',
          '  - _Requirements: 1.1, 1.2_',
          '',
          '- [x] 2. Save a weirdo',
          '- [ ] 2.1 Write the save handler',
          '  - _Requirements: 2.1_',
          '- [ ]* 2.2 Write property tests for saving',
          '  - **Property 3: Round trip**',
          '',
          '- [ ] 3. Load a weirdo',
          '- [ ] 3.1 Read the file',
          '- [ ] 3.2 Show errors',
        ),
      },
    },
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// ai-dev-tasks: tasks/prd-*.md and tasks/tasks-*.md with nested 1.0 / 1.1; and the numbered-folder variant.

export const AI_DEV = {
  profile: 'tasks/tasks-0001-prd-user-profile-editing.md',
  csv: 'tasks/tasks-csv-export.md',
  taskList: '000_core/Task-List-B-1054-Generation-Cache.md',
  process: '000_core/003_process-task-list-B-1054-Generation-Cache.md',
} as const;

/**
 * ai-dev-tasks: a task list generated from `tasks/0001-prd-user-profile-editing.md` (nested `1.0` / `1.1`, a
 * ticked parent over an open sub-task), a finished one named after its feature, and backlog item B-1054 in the
 * numbered-folder variant: its Task-List says `✅ **COMPLETED**` while items are open, and its process list adds
 * more. Templates and `600_archives/` are not read.
 */
export function aiDevTasksRepo(): string {
  return historyRepo([
    {
      message: 'Add PRD for user profile editing',
      date: '2025-09-08T09:00:00Z',
      files: {
        'specguard.config.yaml': presetConfig('ai-dev-tasks'),
        'tasks/0001-prd-user-profile-editing.md': lines('# PRD: User Profile Editing', '', '## Goals', '', '1. Users can edit their profile.'),
        'src/profile/form.tsx': 'export const Form = () => null;\n',
      },
    },
    {
      message: 'Related to T1.0 in PRD: profile form',
      date: '2025-09-09T14:20:00Z',
      files: {
        [AI_DEV.profile]: lines(
          '## Relevant Files',
          '',
          '- `src/profile/form.tsx` - The profile form component.',
          '- `src/profile/form.test.tsx` - Unit tests for `form.tsx`.',
          '',
          '### Notes',
          '',
          '- Unit tests sit beside the code they test.',
          '',
          '## Tasks',
          '',
          '- [x] 0.0 Create feature branch',
          '  - [x] 0.1 Create and checkout a new branch (`git checkout -b feature/profile-editing`)',
          '- [x] 1.0 Build the profile form',
          '  - [x] 1.1 Create the form component in `src/profile/form.tsx`',
          '  - [ ] 1.2 Validate the e-mail field',
          '- [ ] 2.0 Save the profile',
          '  - [ ] 2.1 Add the PUT /profile endpoint',
        ),
        [AI_DEV.csv]: lines('## Tasks', '', '- [x] 1.0 Export', '  - [x] 1.1 Write rows', '  - [x] 1.2 Write the header'),
      },
    },
    {
      message: 'B-1054: Generation cache task list and execution checklist',
      date: '2025-09-15T11:00:00Z',
      files: {
        '000_core/000_backlog.md': lines('# Backlog', '', '| ID | Title | 🔥P | Points | Status |', '|----|-------|-----|--------|--------|', '| B-1054 | Generation Cache | 🔥 | 5 | 🔄 in_progress |'),
        '000_core/002_TASK-LIST_TEMPLATE.md': lines('# Task List Template', '', '- [x] [Task name]'),
        [AI_DEV.taskList]: lines(
          '# Task List: B-1054 Generation Cache Implementation',
          '',
          '**Status**: ✅ **COMPLETED**  ',
          '**Priority**: 🔥 High',
          '',
          '## Phase 1: Cache',
          '',
          '#### Task 1.1: Cache schema',
          '- [x] Table `generation_cache` created',
          '- [ ] Index on prompt hash',
          '',
          '#### Task 1.2: Invalidation',
          '- [ ] TTL expiry',
        ),
        [AI_DEV.process]: lines('# Process Task List: B-1054', '', '- [x] Read the PRD', '- [x] Run the cache tests'),
        '600_archives/Task-List-B-102-Old-Plan.md': lines('# Archived', '', '**Status**: Done', '', '- [ ] never'),
      },
    },
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// specguard: seed 004, copied.

export const SEED_004 = path.resolve('test/fixtures/seed-004');
export const SEED_004_LIST = 'tasks/tasks-0001-codex-orchestrator.md';

/** A copy of seed 004 with a config naming the specguard preset, committed on 2025-10-16. */
export function seed004Repo(): string {
  const root = tempRepo();
  cpSync(SEED_004, root, { recursive: true });
  writeFiles(root, { 'specguard.config.yaml': presetConfig('specguard') });
  gitInit(root);
  commitAll(root, 'Task: 0001 orchestrator core', '2025-10-16T03:00:00Z');
  return root;
}
