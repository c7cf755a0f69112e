/**
 * The tables `sync` writes, as `migrations/0001_task_state.sql` creates them: for each, its key and its columns
 * with their SQL types. Every table also has `repository_id` (first) and `row_digest` (last); a test holds this
 * list equal to the columns the migrations create.
 */

/** A table's columns, besides `repository_id` and `row_digest`. */
export interface TableSpec {
  name: TableName;
  /** The columns that identify a row within one repository. */
  key: readonly string[];
  /** Column name → SQL type, in the table's order. */
  columns: ReadonlyArray<readonly [string, string]>;
}

/** The tables, in the order sync writes them. */
export type TableName = 'synced_file' | 'task' | 'task_criterion' | 'task_checkpoint' | 'task_run' | 'task_run_command' | 'spec' | 'task_list' | 'finding';

/** A row as sync computes it: column → value (a JSON-able value; `jsonb` columns take any JSON). */
export type Row = Record<string, unknown>;

/** Every table sync writes. */
export const TABLES: readonly TableSpec[] = [
  { name: 'synced_file', key: ['path'], columns: [['path', 'text'], ['kind', 'text'], ['blob', 'text']] },
  {
    name: 'task',
    key: ['task_id'],
    columns: [
      ['task_id', 'text'],
      ['title', 'text'],
      ['sources', 'jsonb'],
      ['declared_status', 'text'],
      ['declared_category', 'text'],
      ['status', 'text'],
      ['status_reason', 'text'],
      ['next_step', 'text'],
      ['criteria', 'integer'],
      ['ticked', 'integer'],
      ['proven', 'integer'],
      ['contradictions', 'integer'],
      ['brief', 'jsonb'],
    ],
  },
  {
    name: 'task_criterion',
    key: ['task_id', 'path', 'line'],
    columns: [
      ['task_id', 'text'],
      ['path', 'text'],
      ['line', 'integer'],
      ['col', 'integer'],
      ['position', 'integer'],
      ['text', 'text'],
      ['ticked', 'boolean'],
      ['deferred', 'boolean'],
      ['verdict', 'text'],
      ['evidence', 'jsonb'],
    ],
  },
  {
    name: 'task_checkpoint',
    key: ['path'],
    columns: [
      ['path', 'text'],
      ['blob', 'text'],
      ['commit', 'text'],
      ['task', 'text'],
      ['checkpoint_kind', 'text'],
      ['created', 'timestamp with time zone'],
      ['agent', 'text'],
      ['summary', 'text'],
      ['branch', 'text'],
      ['head', 'text'],
      ['next_steps', 'jsonb'],
      ['artifacts', 'jsonb'],
      ['valid', 'boolean'],
      ['data', 'jsonb'],
    ],
  },
  {
    name: 'task_run',
    key: ['path'],
    columns: [
      ['path', 'text'],
      ['blob', 'text'],
      ['run_id', 'text'],
      ['task_id', 'text'],
      ['status', 'text'],
      ['started_at', 'timestamp with time zone'],
      ['finished_at', 'timestamp with time zone'],
      ['heartbeat_at', 'timestamp with time zone'],
      ['commit', 'text'],
      ['valid', 'boolean'],
      ['data', 'jsonb'],
    ],
  },
  {
    name: 'task_run_command',
    key: ['path', 'position'],
    columns: [
      ['path', 'text'],
      ['position', 'integer'],
      ['command', 'text'],
      ['exit_code', 'integer'],
      ['log', 'text'],
      ['log_sha256', 'text'],
    ],
  },
  {
    name: 'spec',
    key: ['path'],
    columns: [
      ['path', 'text'],
      ['spec_id', 'text'],
      ['title', 'text'],
      ['status', 'text'],
      ['last_review', 'date'],
      ['review_interval_days', 'integer'],
      ['stale', 'boolean'],
      ['problems', 'jsonb'],
      ['tasks', 'jsonb'],
      ['data', 'jsonb'],
    ],
  },
  {
    name: 'task_list',
    key: ['path'],
    columns: [
      ['path', 'text'],
      ['title', 'text'],
      ['task_id', 'text'],
      ['items', 'integer'],
      ['ticked', 'integer'],
      ['proven', 'integer'],
      ['unproven', 'integer'],
      ['failed', 'integer'],
      ['open', 'integer'],
      ['deferred', 'integer'],
    ],
  },
  {
    name: 'finding',
    key: ['fingerprint', 'occurrence'],
    columns: [
      ['fingerprint', 'text'],
      ['occurrence', 'integer'],
      ['rule_id', 'text'],
      ['severity', 'text'],
      ['path', 'text'],
      ['line', 'integer'],
      ['col', 'integer'],
      ['message', 'text'],
    ],
  },
];

/** The rows of every table, for one repository. */
export type TableRows = Record<TableName, Row[]>;
