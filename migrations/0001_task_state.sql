-- specguard migration 0001: the task state tables.
--
-- Every row is derived from one repository's work tree and git history by
-- `specguard sync`, and carries that repository (`repository_id`), so many
-- repositories share one database. Git stays the source of truth: a sync can
-- always rebuild these rows. `row_digest` is a SHA-256 of the row's values as
-- sync computed them; sync compares it to write only the rows that changed.
-- Times are `timestamptz`; a value in a file that is not an ISO 8601 date-time
-- is NULL here and kept as written in `data`.

CREATE TABLE repository (
  id bigserial PRIMARY KEY,
  -- How sync names the repository: its origin remote without credentials (host/owner/name), else --name, else the folder's name.
  name text NOT NULL UNIQUE,
  -- Absolute path of the work tree at its last sync, on the machine that synced it.
  root text NOT NULL,
  remote text,
  head text,
  branch text,
  -- SHA-256 over specguard's version, the config's bytes, HEAD and every synced file's blob id: equal means nothing to write.
  source_digest text NOT NULL,
  specguard_version text NOT NULL,
  -- The clock derived statuses and ages were computed against.
  clock timestamptz NOT NULL,
  synced_at timestamptz NOT NULL,
  -- What the derivation could not see (no git history, a shallow clone), one sentence each.
  notes jsonb NOT NULL DEFAULT '[]'
);

-- Every file of a known kind in the work tree, with its git blob id (SHA-1 of the work tree's bytes, as `git hash-object` gives it).
CREATE TABLE synced_file (
  repository_id bigint NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
  path text NOT NULL,
  kind text NOT NULL,
  blob text NOT NULL,
  row_digest text NOT NULL,
  PRIMARY KEY (repository_id, path)
);

-- A task as the task model reads it (`specguard brief --task <id> --format json`, kept whole in `brief`).
CREATE TABLE task (
  repository_id bigint NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
  task_id text NOT NULL,
  title text,
  -- Repo-relative paths of the files the task was read from.
  sources jsonb NOT NULL,
  -- The status the task's files declare (`Done`, `Implemented`, `archived`) and its category (done, in-progress, not-started, abandoned, unknown).
  declared_status text,
  declared_category text,
  -- The status brief derives: not-started, in-progress, blocked, stalled, done-unverified, done.
  status text NOT NULL,
  status_reason text NOT NULL,
  next_step text,
  criteria integer NOT NULL,
  ticked integer NOT NULL,
  proven integer NOT NULL,
  contradictions integer NOT NULL,
  brief jsonb NOT NULL,
  row_digest text NOT NULL,
  PRIMARY KEY (repository_id, task_id)
);

-- A task's acceptance criteria: its task list items, with the verdict of their evidence.
CREATE TABLE task_criterion (
  repository_id bigint NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
  task_id text NOT NULL,
  path text NOT NULL,
  line integer NOT NULL,
  col integer,
  position integer NOT NULL,
  text text NOT NULL,
  ticked boolean NOT NULL,
  deferred boolean NOT NULL,
  -- proven, unproven (ticked, nothing checkable cited), failed (what it cites is missing or failed), open.
  verdict text NOT NULL,
  evidence jsonb NOT NULL,
  row_digest text NOT NULL,
  PRIMARY KEY (repository_id, task_id, path, line)
);

-- Seed 000's task_checkpoint: every field of the checkpoint kind, its file and the commit that last changed it.
CREATE TABLE task_checkpoint (
  repository_id bigint NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
  path text NOT NULL,
  blob text NOT NULL,
  -- The commit that last changed the file; NULL when it is not committed.
  commit text,
  task text,
  checkpoint_kind text,
  created timestamptz,
  agent text,
  summary text,
  branch text,
  head text,
  next_steps jsonb,
  artifacts jsonb,
  -- Whether the frontmatter is valid against the checkpoint schema.
  valid boolean NOT NULL,
  data jsonb NOT NULL,
  row_digest text NOT NULL,
  PRIMARY KEY (repository_id, path)
);

-- Seed 000's task_run: every field of the run manifest and its file.
CREATE TABLE task_run (
  repository_id bigint NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
  path text NOT NULL,
  blob text NOT NULL,
  run_id text,
  task_id text,
  status text,
  started_at timestamptz,
  finished_at timestamptz,
  heartbeat_at timestamptz,
  -- The manifest's own `commit`: the commit the run was made on.
  commit text,
  valid boolean NOT NULL,
  data jsonb NOT NULL,
  row_digest text NOT NULL,
  PRIMARY KEY (repository_id, path)
);

-- Each command of a run manifest, in order.
CREATE TABLE task_run_command (
  repository_id bigint NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
  path text NOT NULL,
  position integer NOT NULL,
  command text,
  exit_code integer,
  log text,
  log_sha256 text,
  row_digest text NOT NULL,
  PRIMARY KEY (repository_id, path, position)
);

-- Every mini-spec, with the stale or drifting findings on it.
CREATE TABLE spec (
  repository_id bigint NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
  path text NOT NULL,
  spec_id text,
  title text,
  status text,
  last_review date,
  review_interval_days integer,
  stale boolean NOT NULL,
  problems jsonb NOT NULL,
  -- Tasks whose packet names this spec.
  tasks jsonb NOT NULL,
  data jsonb NOT NULL,
  row_digest text NOT NULL,
  PRIMARY KEY (repository_id, path)
);

-- Task lists and their items counted by verdict.
CREATE TABLE task_list (
  repository_id bigint NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
  path text NOT NULL,
  title text,
  task_id text,
  items integer NOT NULL,
  ticked integer NOT NULL,
  proven integer NOT NULL,
  unproven integer NOT NULL,
  failed integer NOT NULL,
  open integer NOT NULL,
  deferred integer NOT NULL,
  row_digest text NOT NULL,
  PRIMARY KEY (repository_id, path)
);

-- What `specguard check` finds, with its fingerprint (`occurrence` tells equal fingerprints apart).
CREATE TABLE finding (
  repository_id bigint NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
  fingerprint text NOT NULL,
  occurrence integer NOT NULL,
  rule_id text NOT NULL,
  severity text NOT NULL,
  path text NOT NULL,
  line integer NOT NULL,
  col integer NOT NULL,
  message text NOT NULL,
  row_digest text NOT NULL,
  PRIMARY KEY (repository_id, fingerprint, occurrence)
);

CREATE INDEX task_status_idx ON task (status);
CREATE INDEX task_run_status_idx ON task_run (status);
CREATE INDEX finding_rule_idx ON finding (rule_id);
