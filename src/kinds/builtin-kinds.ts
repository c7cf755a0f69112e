/**
 * The built-in kinds and their default globs, after the layout of the seed
 * repositories: task lists and mini-specs under `tasks/` (seed 004), packets and
 * checkpoints under `state/` (seed 000), run manifests under `.runs/`; and kinds
 * only a preset places (feature specs of other ecosystems, seed 002's module
 * manifests and open loops).
 */
import { schemaFile } from '../package-paths.js';
import { KIND, type KindDefinition } from './kind.js';

/** The kinds that ship with specguard, in the order their globs are tried. */
export const BUILTIN_KINDS: readonly KindDefinition[] = [
  {
    name: KIND.MINI_SPEC,
    description: 'A short design document with status, approvals and a review date; stale after its review window.',
    format: 'markdown',
    globs: ['tasks/specs/*.md'],
    schemaPath: schemaFile(KIND.MINI_SPEC),
    builtIn: true,
  },
  {
    name: KIND.TASK_LIST,
    description: 'A markdown list of tasks as GFM task list items; every ticked box cites its evidence.',
    format: 'markdown',
    globs: ['tasks/tasks-*.md'],
    schemaPath: schemaFile(KIND.TASK_LIST),
    builtIn: true,
  },
  {
    name: KIND.TASK_PACKET,
    description: 'The brief handed to an agent: objective, constraints, acceptance criteria.',
    format: 'markdown',
    globs: ['state/packets/**/*.md'],
    schemaPath: schemaFile(KIND.TASK_PACKET),
    builtIn: true,
  },
  {
    name: KIND.CHECKPOINT,
    description: 'What an agent has done on a task so far, and what comes next.',
    format: 'markdown',
    globs: ['state/checkpoints/*/*.md'],
    schemaPath: schemaFile(KIND.CHECKPOINT),
    builtIn: true,
  },
  {
    name: KIND.RUN_MANIFEST,
    description: 'A JSON record of one agent run: task, times, status, commands and logs.',
    format: 'json',
    globs: ['.runs/**/manifest.json'],
    schemaPath: schemaFile(KIND.RUN_MANIFEST),
    builtIn: true,
  },
  {
    name: KIND.TASKS_INDEX,
    description: 'tasks/index.json: one entry per mini-spec or task document, kept in step with them.',
    format: 'json',
    globs: ['tasks/index.json'],
    schemaPath: schemaFile(KIND.TASKS_INDEX),
    builtIn: true,
  },
  {
    name: KIND.FEATURE_SPEC,
    description: "A feature's specification in another ecosystem's layout (spec-kit spec.md, OpenSpec proposal.md, Kiro requirements.md); its status may live in the body. Found only through a preset.",
    format: 'markdown',
    globs: [],
    schemaPath: schemaFile(KIND.FEATURE_SPEC),
    builtIn: true,
  },
  {
    name: KIND.MODULE_MANIFEST,
    description: "A platform module's manifest (seed 002): its role, statefulness, compose project, data stores with their backup priority and restore procedure, exposure; its runbook in the body. Found only through a preset.",
    format: 'markdown',
    globs: [],
    schemaPath: schemaFile(KIND.MODULE_MANIFEST),
    builtIn: true,
  },
  {
    name: KIND.OPEN_LOOPS,
    description: 'A list of open loops (seed 002\'s state/L3/OPEN_LOOPS.md): dated entries that go stale when nobody records progress. Found only through a preset.',
    format: 'markdown',
    globs: [],
    schemaPath: schemaFile(KIND.OPEN_LOOPS),
    builtIn: true,
  },
];
