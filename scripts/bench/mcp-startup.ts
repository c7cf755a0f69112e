/**
 * Start-up of `specguard mcp`: from spawning the command to the answer of its first request (`initialize`), and
 * to the tool list an agent asks for next, with the MCP SDK's own client over stdio, in a small git repository.
 * Medians of R runs; the target of the MCP issue is the first answer within 300 ms.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { median } from './measure.js';

/** Medians and spreads, in ms. */
export interface McpStartup {
  runs: number;
  firstAnswerMs: number[];
  toolsListedMs: number[];
}

/** A repository with one task packet, committed: what `specguard mcp` starts in. */
function smallRepository(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'specguard-bench-mcp-'));
  mkdirSync(path.join(root, 'state/packets'), { recursive: true });
  writeFileSync(path.join(root, 'state/packets/7.md'), '---\ntask: 7\ntitle: Import the ledger\ncreated: 2025-10-16\nagent: codex\n---\n## Objective\n\nImport.\n\n## Constraints\n\nNone.\n\n## Acceptance criteria\n\n- [ ] The importer reads the ledger\n');
  const env = { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com' };
  execFileSync('git', ['init', '-q'], { cwd: root, env });
  execFileSync('git', ['add', '-A'], { cwd: root, env });
  execFileSync('git', ['commit', '-q', '-m', 'task 7'], { cwd: root, env });
  return root;
}

/**
 * Measures `runs` start-ups of `node <bin> mcp`.
 * @param bin - the specguard command (bin/specguard.js of a built checkout)
 */
export async function measureMcpStartup(bin: string, runs: number, log: (line: string) => void): Promise<McpStartup> {
  const root = smallRepository();
  const result: McpStartup = { runs, firstAnswerMs: [], toolsListedMs: [] };
  try {
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const transport = new StdioClientTransport({ command: process.execPath, args: [bin, 'mcp'], cwd: root, stderr: 'ignore' });
      const client = new Client({ name: 'specguard-bench', version: '1.0.0' });
      await client.connect(transport); // sends `initialize` and waits for its answer
      const answered = performance.now();
      await client.listTools();
      const listed = performance.now();
      await client.close();
      result.firstAnswerMs.push(answered - started);
      result.toolsListedMs.push(listed - started);
      log(`bench: mcp start-up ${i + 1}/${runs}: first answer ${(answered - started).toFixed(0)} ms, tools listed ${(listed - started).toFixed(0)} ms`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return result;
}

/** The table of {@link measureMcpStartup}. */
export function renderMcpStartup(startup: McpStartup): string {
  const row = (label: string, values: number[]): string => `| ${label} | ${median(values).toFixed(0)} | ${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} |`;
  const first = median(startup.firstAnswerMs);
  return [
    `specguard mcp start-up (median of ${startup.runs} runs, spawn to answer, ms):`,
    '',
    '| step | median ms | spread ms |',
    '| --- | ---: | ---: |',
    row('first answer (`initialize`)', startup.firstAnswerMs),
    row('tools listed (`tools/list`)', startup.toolsListedMs),
    '',
    `| target | measured | verdict |`,
    `| --- | --- | --- |`,
    `| first answer ≤ 300 ms | ${first.toFixed(0)} ms | ${first <= 300 ? 'met' : '**missed**'} |`,
    '',
  ].join('\n');
}
