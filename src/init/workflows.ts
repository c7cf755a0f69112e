/**
 * The CI workflows `init` adds: `.forgejo/workflows/spec-guard.yml`, after
 * specguard's own Forgejo workflow, and its GitHub twin after
 * `examples/github/spec-guard.yml`, both written for a repository that uses
 * specguard rather than builds it. On a pull request they check what the
 * change touches (`--changed-since`, with the whole history fetched); on
 * pushes to main, daily and by hand, everything.
 */
import { VERSION } from '../cli/version.js';

/** Where the workflow runs. */
export type WorkflowHost = 'forgejo' | 'github';

/** How the repository gets specguard in CI. */
export interface WorkflowInstall {
  /**
   * The install step: `npm ci` (a lockfile), `npm install` (a package.json
   * without one, specguard in its devDependencies), or none (no package.json:
   * `npx` fetches the pinned version).
   */
  command: 'npm ci' | 'npm install' | undefined;
}

/** Repo-relative path of a host's workflow. */
export function workflowPath(host: WorkflowHost): string {
  return host === 'github' ? '.github/workflows/spec-guard.yml' : '.forgejo/workflows/spec-guard.yml';
}

/** The hosts to write workflows for: those whose folder exists (`.github/`, `.forgejo/`), else Forgejo. */
export function workflowHosts(has: { github: boolean; forgejo: boolean }): WorkflowHost[] {
  const hosts: WorkflowHost[] = [];
  if (has.forgejo) hosts.push('forgejo');
  if (has.github) hosts.push('github');
  return hosts.length > 0 ? hosts : ['forgejo'];
}

const SCOPE_STEP = `      - name: Choose what to check
        env:
          EVENT: \${{ github.event_name }}
          BASE_REF: \${{ github.base_ref }}
        run: |
          if [ "$EVENT" = pull_request ]; then
            echo "SPEC_GUARD_SCOPE=--changed-since origin/$BASE_REF" >> "$GITHUB_ENV"
          else
            echo "SPEC_GUARD_SCOPE=" >> "$GITHUB_ENV"
          fi
`;

const TRIGGERS = `on:
  pull_request:
  push:
    branches: [main]
  schedule:
    - cron: '17 6 * * *'
  workflow_dispatch:
`;

const CHECKOUT = `      - uses: actions/checkout@v4
        with:
          # The whole history: --changed-since needs the merge base, and
          # spec-drift and evidence-backdated read the history.
          fetch-depth: 0
`;

/**
 * The workflow text for a host.
 * @param install - how CI gets specguard; without an install step the pinned version ({@link VERSION}) runs through `npx`
 */
export function workflowText(host: WorkflowHost, install: WorkflowInstall): string {
  const specguard = install.command ? 'npx specguard' : `npx --yes specguard@${VERSION}`;
  const installStep = install.command ? `      - run: ${install.command}\n` : '';
  if (host === 'github') {
    return `# specguard on GitHub Actions, added by \`specguard init\`.
#
# On a pull request it checks only what the pull request changes, annotates
# the diff with the findings, and uploads SARIF to code scanning. On pushes
# to main, daily (specs go stale with time, not only with commits) and by
# hand it checks everything.
name: spec-guard

${TRIGGERS}
permissions:
  contents: read
  security-events: write

jobs:
  spec-guard:
    runs-on: ubuntu-latest
    steps:
${CHECKOUT}      - uses: actions/setup-node@v4
        with:
          node-version: 20${install.command === 'npm ci' ? '\n          cache: npm' : ''}
${installStep}${SCOPE_STEP}      - name: Annotations
        run: ${specguard} check $SPEC_GUARD_SCOPE --format github || true
      - name: SARIF
        run: ${specguard} check $SPEC_GUARD_SCOPE --format sarif --output spec-guard.sarif || true
      - uses: github/codeql-action/upload-sarif@v3
        if: always()
        with:
          sarif_file: spec-guard.sarif
          category: specguard
      - name: specguard check
        run: ${specguard} check $SPEC_GUARD_SCOPE
`;
  }
  return `# specguard on Forgejo Actions, added by \`specguard init\`.
#
# On a pull request it checks only what the pull request changes (and what
# that change brings in): a change under a stale or unapproved mini-spec, or
# a box ticked without proof, fails the job. Forgejo does not render
# annotations, so the stylish report goes to the log and SARIF and JUnit
# files are kept as artifacts. On pushes to main, on a daily schedule (specs
# go stale with time, not only with commits) and by hand, it checks
# everything.
name: spec-guard

${TRIGGERS}
jobs:
  spec-guard:
    # Runner labels differ between Forgejo instances: \`docker\` is the
    # forgejo-runner default; put your runner's label here.
    runs-on: docker
    container:
      image: node:20-bookworm
    steps:
${CHECKOUT}${installStep}${SCOPE_STEP}      - name: SARIF and JUnit reports
        run: |
          mkdir -p reports
          ${specguard} check $SPEC_GUARD_SCOPE --format sarif --output reports/spec-guard.sarif || true
          ${specguard} check $SPEC_GUARD_SCOPE --format junit --output reports/spec-guard.junit.xml || true
      - name: specguard check
        run: ${specguard} check $SPEC_GUARD_SCOPE --format stylish
      - uses: actions/upload-artifact@v3
        if: always()
        with:
          name: spec-guard-reports
          path: reports/
`;
}

/** Repo-relative path of a host's sharded workflow (`init --shards N`). */
export function shardedWorkflowPath(host: WorkflowHost): string {
  return host === 'github' ? '.github/workflows/spec-guard-sharded.yml' : '.forgejo/workflows/spec-guard-sharded.yml';
}

/**
 * The sharded workflow for a host (after `examples/<host>/spec-guard-sharded.yml`): a matrix of `count` jobs each
 * checks one shard (`check --shard i/n`) and writes its partial report; one job merges them (`merge-reports`).
 * @param count - shards, 2 to 64
 */
export function shardedWorkflowText(host: WorkflowHost, install: WorkflowInstall, count: number): string {
  const specguard = install.command ? 'npx specguard' : `npx --yes specguard@${VERSION}`;
  const shards = Array.from({ length: count }, (_, i) => i + 1).join(', ');
  const shardRun = `      - name: specguard check, one shard
        env:
          SHARD: \${{ matrix.shard }}
        # Exit 1 (findings) still writes the partial report; the merge decides.
        run: ${specguard} check --shard "$SHARD/${count}" --format json --output "spec-guard-$SHARD.json" || [ $? -eq 1 ]
`;
  const triggers = `on:
  push:
    branches: [main]
  schedule:
    - cron: '17 6 * * *'
  workflow_dispatch:
`;
  if (host === 'github') {
    const node = `      - uses: actions/setup-node@v4
        with:
          node-version: 20${install.command === 'npm ci' ? '\n          cache: npm' : ''}
${install.command ? `      - run: ${install.command}\n` : ''}`;
    return `# specguard in ${count} shards on GitHub Actions, added by \`specguard init --shards ${count}\`: each job of
# the matrix checks one shard, and the merge job gives the report and the verdict of the whole run.
# Pull requests keep using spec-guard.yml (--changed-since does not combine with shards).
name: spec-guard-sharded

${triggers}
permissions:
  contents: read
  security-events: write

jobs:
  shard:
    runs-on: ubuntu-latest
    strategy:
      fail-fast: false
      matrix:
        shard: [${shards}]
    steps:
${CHECKOUT}${node}${shardRun}      - uses: actions/upload-artifact@v4
        with:
          name: spec-guard-\${{ matrix.shard }}
          path: spec-guard-\${{ matrix.shard }}.json

  merge:
    needs: shard
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
${node}      - uses: actions/download-artifact@v4
        with:
          pattern: spec-guard-*
          merge-multiple: true
      - name: SARIF
        run: ${specguard} merge-reports spec-guard-*.json --format sarif --output spec-guard.sarif || true
      - uses: github/codeql-action/upload-sarif@v3
        if: always()
        with:
          sarif_file: spec-guard.sarif
          category: specguard
      - name: specguard (the whole run)
        run: ${specguard} merge-reports spec-guard-*.json --format github
`;
  }
  const installStep = install.command ? `      - run: ${install.command}\n` : '';
  return `# specguard in ${count} shards on Forgejo Actions, added by \`specguard init --shards ${count}\`: each job
# of the matrix checks one shard, and the merge job gives the report and the verdict of the whole run.
# Put your runner's label in \`runs-on\`.
name: spec-guard-sharded

${triggers}
jobs:
  shard:
    runs-on: docker
    container:
      image: node:20-bookworm
    strategy:
      fail-fast: false
      matrix:
        shard: [${shards}]
    steps:
${CHECKOUT}${installStep}${shardRun}      - uses: actions/upload-artifact@v3
        with:
          name: spec-guard-shards
          path: spec-guard-*.json

  merge:
    needs: shard
    runs-on: docker
    container:
      image: node:20-bookworm
    steps:
      - uses: actions/checkout@v4
${installStep}      - uses: actions/download-artifact@v3
        with:
          name: spec-guard-shards
      - name: SARIF and JUnit reports
        run: |
          mkdir -p reports
          ${specguard} merge-reports spec-guard-*.json --format sarif --output reports/spec-guard.sarif || true
          ${specguard} merge-reports spec-guard-*.json --format junit --output reports/spec-guard.junit.xml || true
      - name: specguard (the whole run)
        run: ${specguard} merge-reports spec-guard-*.json --format stylish
      - uses: actions/upload-artifact@v3
        if: always()
        with:
          name: spec-guard-reports
          path: reports/
`;
}
