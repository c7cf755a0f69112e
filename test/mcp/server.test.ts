/**
 * `specguard mcp`: the built command, spawned and spoken to with the MCP SDK's own client over stdio (no mocked
 * transport), on the seed-000 rescue fixture and on seed 004's example. Tool definitions within 1,500 tokens;
 * statuses equal to `brief`'s; checkpoints from two clients at once; hostile arguments as clean tool errors.
 */
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, describe, expect, it } from 'vitest';
import { brief } from '../../src/brief/brief.js';
import { check } from '../../src/check/check.js';
import { countTokens } from '../../src/tokens/count-tokens.js';
import { seed000Repo, SEED_000_NOW } from '../helpers/seed-000-repo.js';
import { validPacket } from '../helpers/check-repo.js';
import { commitAll, git, gitInit, tempRepo, writeFiles } from '../helpers/temp-repo.js';

const BIN = path.resolve('bin/specguard.js');
const SEED_004 = path.resolve('test/fixtures/seed-004');
const clients: Client[] = [];

/** A client connected to `specguard mcp` started in `root`, with a fixed clock. */
async function connect(root: string, now = SEED_000_NOW): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp'],
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', SOURCE_DATE_EPOCH: String(Math.floor(Date.parse(now) / 1000)) },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'specguard-test', version: '1.0.0' });
  await client.connect(transport);
  clients.push(client);
  return client;
}

/** The text of a tool's answer, and whether it is an error. */
async function call(client: Client, name: string, args: Record<string, unknown>): Promise<{ text: string; isError: boolean }> {
  const result = (await client.callTool({ name, arguments: args })) as { content: Array<{ type: string; text?: string }>; isError?: boolean };
  return { text: result.content.map((c) => c.text ?? '').join('\n'), isError: result.isError === true };
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

describe('specguard mcp', () => {
  it('lists five tools whose definitions together take at most 1,500 tokens', async () => {
    const client = await connect(seed000Repo());
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['check', 'checkpoint_create', 'list_tasks', 'task_brief', 'task_status']);
    const definitions = JSON.stringify(tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema })));
    expect(countTokens(definitions)).toBeLessThanOrEqual(1500);
  }, 30_000);

  it('answers the seed-000 rescue: status and next step as brief derives them, the brief within its budget, the tasks', async () => {
    const root = seed000Repo();
    const client = await connect(root);
    const expected = (await brief({ root, task: '460', now: SEED_000_NOW, env: {} }))!;

    const status = await call(client, 'task_status', { task: '460' });
    expect(status.isError).toBe(false);
    expect(status.text.split('\n')[0]).toContain(`Task 460`);
    expect(status.text.split('\n')[0]).toContain(`: ${expected.status}. `);
    expect(status.text).toContain(`Next step: ${expected.next_step!.text}`);
    expect(countTokens(status.text)).toBeLessThanOrEqual(600);

    const rescue = await call(client, 'task_brief', { task: '460', max_tokens: 800 });
    expect(rescue.text).toMatch(/^# /);
    expect(countTokens(rescue.text)).toBeLessThanOrEqual(800);

    const tasks = await call(client, 'list_tasks', {});
    expect(tasks.text).toMatch(new RegExp(`^460 ${expected.status} `, 'm'));
    const none = await call(client, 'list_tasks', { status: 'done' });
    expect(none.text.split('\n')[0]).toBe(expected.status === 'done' ? '1 task done:' : '0 tasks done:');

    const resource = await client.readResource({ uri: 'specguard://task/460/brief' });
    expect((resource.contents[0] as { text: string }).text).toMatch(/^# /);
    const prompt = await client.getPrompt({ name: 'rescue_task', arguments: { task: '460' } });
    expect(JSON.stringify(prompt.messages)).toContain('specguard://task/460/brief');
    const schemas = await client.listResources();
    expect(schemas.resources.map((r) => r.uri)).toContain('specguard://schema/checkpoint');
  }, 60_000);

  it("checks seed 004's example: the findings check reports, capped, and the status brief derives", async () => {
    const root = tempRepo();
    cpSync(SEED_004, root, { recursive: true });
    gitInit(root);
    commitAll(root, 'seed 004', '2025-10-16T03:00:00Z');
    const client = await connect(root, '2025-10-20T00:00:00Z');
    const findings = await call(client, 'check', { max_tokens: 100 });
    const report = await check({ root, now: '2025-10-20T00:00:00Z', env: {} });
    const first = report.findings[0]!;
    expect(findings.text.split('\n').slice(0, 2)).toEqual([
      `${report.summary.errors} errors, ${report.summary.warnings} warnings (${report.summary.files} files checked).`,
      `${first.severity} ${first.ruleId} ${first.file}:${first.line} ${first.message}`,
    ]);
    expect(findings.text).toMatch(/… and \d+ more findings left out \(over the 100-token budget\)\.$/);
    expect(countTokens(findings.text)).toBeLessThanOrEqual(100);
    const scoped = await call(client, 'check', { paths: ['tasks/specs'] });
    expect(scoped.text.split('\n').slice(1).every((line) => line.includes(' tasks/specs/'))).toBe(true);

    const expected = (await brief({ root, task: '0001', now: '2025-10-20T00:00:00Z', env: {} }))!;
    const status = await call(client, 'task_status', { task: '0001' });
    expect(status.text.split('\n')[0]).toContain(`: ${expected.status}. `);
    expect(status.text).toContain(`Contradictions (${expected.contradictions.length}):`);
  }, 60_000);

  it('gives two clients creating checkpoints for one task at once two complete files', async () => {
    const root = seed000Repo();
    const [a, b] = await Promise.all([connect(root), connect(root)]);
    const [one, two] = await Promise.all([
      call(a, 'checkpoint_create', { task: '460', kind: 'progress', summary: 'Client A: templates drafted.' }),
      call(b, 'checkpoint_create', { task: '460', kind: 'progress', summary: 'Client B: migration written.' }),
    ]);
    expect([one.isError, two.isError]).toEqual([false, false]);
    expect(one.text).not.toBe(two.text);
    const folder = path.join(root, 'state/checkpoints/460');
    const names = readdirSync(folder);
    expect(names).toContain(path.basename(one.text));
    expect(names).toContain(path.basename(two.text));
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 60_000);

  it('turns hostile arguments into one-sentence tool errors, and keeps serving', async () => {
    const root = seed000Repo();
    const client = await connect(root);
    const option = await call(client, 'task_status', { task: '--output=x' });
    expect(option.isError).toBe(true);
    expect(option.text.split('\n')).toHaveLength(1);
    const outside = await call(client, 'check', { paths: ['../../etc/passwd'] });
    expect(outside).toEqual({ text: 'path `../../etc/passwd` is outside the work tree', isError: true });
    const artifact = await call(client, 'checkpoint_create', { task: '460', kind: 'progress', summary: 'x', artifacts: ['/etc/passwd'] });
    expect(artifact).toEqual({ text: 'artifact `/etc/passwd` is outside the work tree', isError: true });
    const huge = await call(client, 'checkpoint_create', { task: '460', kind: 'progress', summary: 'x'.repeat(10 * 1024 * 1024) });
    expect(huge.isError).toBe(true);
    expect(huge.text).toContain('at most 2000 character(s) at summary');
    const unknown = await call(client, 'task_brief', { task: 'no-such-task' });
    expect(unknown).toEqual({ text: 'Unknown task `no-such-task`: no task packet, task list, checkpoint, run manifest or commit names it.', isError: true });
    // Still serving after all of that.
    expect((await call(client, 'task_status', { task: '460' })).isError).toBe(false);
  }, 60_000);

  it('is bound to the worktree it starts in: reads and writes there, not in the main checkout', async () => {
    const main = seed000Repo();
    const tree = path.join(tempRepo(), 'feature-tree');
    git(main, ['worktree', 'add', '-q', '-b', 'feature', tree]);
    const client = await connect(path.join(tree, 'state'));
    const created = await call(client, 'checkpoint_create', { task: '460', kind: 'progress', summary: 'Written from the worktree.' });
    expect(created.isError).toBe(false);
    expect(existsSync(path.join(tree, created.text))).toBe(true);
    expect(existsSync(path.join(main, created.text))).toBe(false);
  }, 60_000);

  it('keeps no state: an answer reflects the files as they are at the call', async () => {
    const root = seed000Repo();
    const client = await connect(root);
    expect((await call(client, 'list_tasks', {})).text).not.toMatch(/^9001 /m);
    writeFiles(root, { 'state/packets/9001.md': validPacket(9001) });
    expect((await call(client, 'list_tasks', {})).text).toMatch(/^9001 not-started /m);
  }, 60_000);

  it('leaves nothing half-written when the client goes away in the middle of a call', async () => {
    const root = seed000Repo();
    const client = await connect(root);
    const pending = client.callTool({ name: 'checkpoint_create', arguments: { task: '460', kind: 'progress', summary: 'The client leaves now.' } }).catch(() => undefined);
    await client.close();
    await pending;
    // Give the server a moment to finish or stop; then only complete checkpoints, and no temporary file.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const folder = path.join(root, 'state/checkpoints/460');
    for (const name of readdirSync(folder)) {
      expect(name.endsWith('.tmp'), name).toBe(false);
      expect(readFileSync(path.join(folder, name), 'utf8')).toMatch(/^---\n[\s\S]*\n---\n/);
    }
  }, 60_000);

  it("replays the README's transcript on seed 004's example", async () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## For agents'), readme.indexOf('\n## ', readme.indexOf('## For agents') + 5));
    const block = /```text\n(→[\s\S]*?)```/.exec(section)![1]!;
    const calls = block.split(/\n(?=→ )/).map((chunk) => {
      const [head, ...rest] = chunk.trimEnd().split('\n');
      const [, name, args] = /^→ (\S+) (.*)$/.exec(head!)!;
      return { name: name!, args: JSON.parse(args!) as Record<string, unknown>, text: rest.join('\n') };
    });
    expect(calls.length).toBeGreaterThanOrEqual(2);
    const root = tempRepo();
    cpSync(SEED_004, root, { recursive: true });
    gitInit(root);
    commitAll(root, 'seed 004', '2025-10-16T03:00:00Z');
    const client = await connect(root, '2025-10-20T00:00:00Z');
    for (const expected of calls) expect((await call(client, expected.name, expected.args)).text, expected.name).toBe(expected.text);
  }, 60_000);
});
