/**
 * Deterministic filler prose for the generated documents. The words are
 * chosen so that no sentence can be read as evidence by accident: no `#`, no
 * URL, no hex-looking token, no slash, no backtick.
 */
import type { Prng } from './prng.js';

const SUBJECTS = [
  'The loader',
  'The manifest reader',
  'The schema validator',
  'The retry queue',
  'The sync worker',
  'The report writer',
  'The token counter',
  'The branch watcher',
  'The checkpoint store',
  'The packet renderer',
  'The review gate',
  'The run recorder',
  'The scheduler',
  'The cache layer',
  'The diff reader',
];
const VERBS = ['now handles', 'no longer drops', 'validates', 'streams', 'retries', 'records', 'reports', 'batches', 'normalizes', 'rejects', 'indexes', 'resolves'];
const OBJECTS = [
  'every run manifest in the queue',
  'frontmatter keys in source order',
  'partial writes after a crash',
  'stale heartbeats from older runs',
  'relative links between task documents',
  'long summaries without truncating them',
  'the acceptance criteria of each packet',
  'duplicate entries in the task index',
  'checkpoints written in the same second',
  'commands that exit with a non-zero code',
  'folders that hold no manifest at all',
  'empty lists in the frontmatter',
];
const QUALIFIERS = [
  'without blocking the main loop',
  'in a single pass over the folder',
  'with a clear message for the operator',
  'behind the existing feature flag',
  'so that a rescuing agent can pick the task up',
  'and keeps the previous behaviour for old files',
  'with the same ordering as before',
  'under the documented limits',
  'for both terminal and machine output',
  'after the upstream change landed',
];
const TITLES_A = ['Orchestrator', 'Manifest', 'Checkpoint', 'Packet', 'Review', 'Scheduler', 'Ledger', 'Index', 'Runner', 'Gateway', 'Cache', 'Importer'];
const TITLES_B = ['core', 'recovery', 'retention', 'validation', 'migration', 'rollout', 'telemetry', 'hardening', 'cleanup', 'sync', 'budgets', 'reporting'];
const AGENTS = ['codex', 'claude', 'gemini', 'aider', 'devin'];
const PEOPLE = ['Jordan Lee', 'Sam Rivera', 'Alex Kim', 'Priya Nair', 'Morgan Diaz', 'Chris Olsen'];
const ROLES = ['architecture steward', 'product', 'security', 'operations'];
const TEAMS = ['orchestrator', 'platform', 'runtime', 'tooling'];
const COMMANDS = [
  'npm ci',
  'npm run build',
  'npm run lint',
  'npm test -- --reporter=dot',
  'npm run typecheck',
  'node scripts/verify-sync.mjs',
  'npm run e2e -- --shard=1',
  'npm run e2e -- --shard=2',
  'node scripts/collect-coverage.mjs',
  'npm pack --dry-run',
  'npm run docs',
  'node scripts/check-licenses.mjs',
];

/** A sentence of filler prose. */
export function sentence(prng: Prng): string {
  return `${prng.pick(SUBJECTS)} ${prng.pick(VERBS)} ${prng.pick(OBJECTS)} ${prng.pick(QUALIFIERS)}.`;
}

/** A paragraph of `count` sentences. */
export function paragraph(prng: Prng, count: number): string {
  return Array.from({ length: count }, () => sentence(prng)).join(' ');
}

/** The text of a task item (no citation). */
export function itemText(prng: Prng): string {
  const s = sentence(prng);
  return s.slice(0, -1).replace(/^The /, '');
}

/** A two-word title. */
export function title(prng: Prng): string {
  return `${prng.pick(TITLES_A)} ${prng.pick(TITLES_B)}`;
}

/** A lower-case slug of a title. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export const pickAgent = (prng: Prng): string => prng.pick(AGENTS);
export const pickPerson = (prng: Prng): string => prng.pick(PEOPLE);
export const pickRole = (prng: Prng): string => prng.pick(ROLES);
export const pickTeam = (prng: Prng): string => prng.pick(TEAMS);
export const commandList = (): readonly string[] => COMMANDS;

/** `length` lower-case hex digits with at least one digit and one letter. */
export function hex(prng: Prng, length: number): string {
  for (;;) {
    let out = '';
    for (let i = 0; i < length; i++) out += '0123456789abcdef'[prng.int(16)];
    if (/\d/.test(out) && /[a-f]/.test(out)) return out;
  }
}
