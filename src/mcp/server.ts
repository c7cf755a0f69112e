/**
 * `specguard mcp`: an MCP server (Model Context Protocol, over stdio, built on the official TypeScript SDK) that
 * answers agents with verdicts rather than files. Bound to one work tree: every path it reads or writes is
 * resolved inside it, as `check` resolves paths. It keeps no state between calls: each call reads the files and
 * the history as they are now. Tools: `task_status`, `task_brief`, `check`, `checkpoint_create` (the only one
 * that writes, atomically and never over a file) and `list_tasks`; resources: a task's brief
 * (`specguard://task/{id}/brief`) and the kinds' JSON Schemas; a prompt that rescues a stalled task.
 */
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { countItems } from '../board/board-model.js';
import type { BriefCriterion, TaskStatus } from '../brief/brief-model.js';
import { CHECKPOINT_KINDS } from '../checkpoint/checkpoint-kinds.js';
import { SpecguardError } from '../errors.js';
import { RepoPaths } from '../fs/repo-paths.js';
import { BUILTIN_KINDS } from '../kinds/builtin-kinds.js';
import { builtinSchema } from '../kinds/builtin-schemas.js';
import { visibleLine } from '../output/sanitize.js';
import { VERSION } from '../cli/version.js';
import { answer, DEFAULT_ANSWER_TOKENS, toolError, withinBudget, type ToolAnswer } from './responses.js';

/** Where the server works. */
export interface ServerOptions {
  /** The work tree it is bound to (absolute). */
  root: string;
  /** The environment runs read (`SOURCE_DATE_EPOCH`, the cache secret). */
  env?: Record<string, string | undefined>;
}

/** Budget of a `task_status` answer, in o200k tokens: a few hundred. */
const STATUS_TOKENS = 600;
/** Largest message the server reads, in bytes (64 MiB). */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** Longest checkpoint summary a tool call may write, in characters. */
const MAX_SUMMARY = 2000;
const TASK_STATUSES = ['not-started', 'in-progress', 'blocked', 'stalled', 'done-unverified', 'done'] as const satisfies readonly TaskStatus[];

/** Builds the server; {@link serveStdio} connects it. */
export function createServer(options: ServerOptions): McpServer {
  const { root } = options;
  const env = options.env ?? process.env;
  const server = new McpServer({ name: 'specguard', version: VERSION });
  const task = z.string().min(1).max(200).describe('task id');
  const maxTokens = z.number().int().min(100).max(50_000).optional().describe(`answer budget in tokens (default ${DEFAULT_ANSWER_TOKENS})`);

  server.registerTool(
    'task_status',
    { description: 'Derived status of a task: proven/unproven/open counts, contradictions (file:line), next step.', inputSchema: { task } },
    guard(async (args: { task: string }) => {
      const { brief } = await import('../brief/brief.js');
      const result = await brief({ root, task: args.task, env });
      if (!result) return unknownTask(args.task);
      const c = countItems(result.criteria);
      const header = [
        `Task ${visibleLine(result.task)}${result.title ? ` (${visibleLine(result.title)})` : ''}: ${result.status}. ${visibleLine(result.status_reason)}`,
        `Criteria: ${c.total} total, ${c.proven} proven, ${c.unproven} unproven, ${c.failed} failed, ${c.open} open${c.deferred > 0 ? ` (${c.deferred} deferred)` : ''}.`,
        ...(result.next_step ? [`Next step: ${visibleLine(result.next_step.text)}${result.next_step.file ? ` (${visibleLine(result.next_step.file)}:${result.next_step.line})` : ''}`] : []),
        result.contradictions.length === 0 ? 'Contradictions: none.' : `Contradictions (${result.contradictions.length}):`,
      ].join('\n');
      const lines = result.contradictions.map((x) => `- ${visibleLine(x.file)}:${x.line} ${visibleLine(x.message)}`);
      return answer(withinBudget(header, lines, 'contradictions', STATUS_TOKENS));
    }),
  );

  server.registerTool(
    'task_brief',
    { description: 'Rescue brief of a task, markdown, within a token budget.', inputSchema: { task, max_tokens: maxTokens } },
    guard(async (args: { task: string; max_tokens?: number }) => {
      const [{ brief }, { renderMarkdown }, { renderWithin }] = await Promise.all([import('../brief/brief.js'), import('../brief/render-markdown.js'), import('../brief/fit-budget.js')]);
      const result = await brief({ root, task: args.task, env });
      if (!result) return unknownTask(args.task);
      return answer(renderWithin(result, renderMarkdown, args.max_tokens ?? DEFAULT_ANSWER_TOKENS).text);
    }),
  );

  server.registerTool(
    'check',
    {
      description: 'Findings of specguard check (rule, file:line, message), optionally for some paths or the change since a ref.',
      inputSchema: { paths: z.array(z.string().min(1).max(1000)).max(100).optional().describe('files or folders'), changed_since: z.string().min(1).max(200).optional().describe('git ref'), max_tokens: maxTokens },
    },
    guard(async (args: { paths?: string[]; changed_since?: string; max_tokens?: number }) => {
      const scopes = (args.paths ?? []).map((written) => {
        const normal = RepoPaths.normalize(written);
        if (normal === undefined) throw new SpecguardError('USAGE', `path \`${visibleLine(written)}\` is outside the work tree`);
        return normal;
      });
      const { check } = await import('../check/check.js');
      const report = await check({ root, env, ...(args.changed_since !== undefined ? { changedSince: args.changed_since } : {}) });
      const inScope = (file: string): boolean => scopes.length === 0 || scopes.some((scope) => scope === '.' || file === scope || file.startsWith(`${scope}/`));
      const findings = report.findings.filter((f) => inScope(f.file));
      const errors = findings.filter((f) => f.severity === 'error').length;
      const header = `${errors} error${errors === 1 ? '' : 's'}, ${findings.length - errors} warning${findings.length - errors === 1 ? '' : 's'} (${report.summary.files} files checked${scopes.length > 0 ? `, ${findings.length} in the paths asked for` : ''}).`;
      const lines = findings.map((f) => `${f.severity} ${f.ruleId} ${visibleLine(f.file)}:${f.line} ${visibleLine(f.message)}`);
      return answer(withinBudget(header, lines, 'findings', args.max_tokens ?? DEFAULT_ANSWER_TOKENS));
    }),
  );

  server.registerTool(
    'checkpoint_create',
    {
      description: 'Write a new checkpoint for a task (atomic, never overwrites); returns its path.',
      inputSchema: {
        task,
        kind: z.enum(CHECKPOINT_KINDS).describe('checkpoint kind'),
        summary: z.string().min(1).max(MAX_SUMMARY).describe('what is done and what is not'),
        next_steps: z.array(z.string().min(1).max(500)).max(20).optional(),
        artifacts: z.array(z.string().min(1).max(1000)).max(50).optional().describe('repo-relative paths'),
        new_task: z.boolean().optional().describe('the task is new: nothing names it yet'),
      },
    },
    guard(async (args: { task: string; kind: string; summary: string; next_steps?: string[]; artifacts?: string[]; new_task?: boolean }) => {
      for (const artifact of args.artifacts ?? []) {
        if (RepoPaths.normalize(artifact) === undefined) throw new SpecguardError('USAGE', `artifact \`${visibleLine(artifact)}\` is outside the work tree`);
      }
      const { createCheckpoint } = await import('../checkpoint/create-checkpoint.js');
      const created = await createCheckpoint({
        root,
        env,
        task: args.task,
        kind: args.kind,
        summary: args.summary,
        agent: 'mcp',
        ...(args.next_steps ? { nextSteps: args.next_steps } : {}),
        ...(args.artifacts ? { artifacts: args.artifacts } : {}),
        ...(args.new_task ? { newTask: true } : {}),
      });
      return answer(created.path);
    }),
  );

  server.registerTool(
    'list_tasks',
    { description: 'Tasks with their titles and derived statuses.', inputSchema: { status: z.enum(TASK_STATUSES).optional(), max_tokens: maxTokens } },
    guard(async (args: { status?: TaskStatus; max_tokens?: number }) => {
      const { board } = await import('../board/gather-board.js');
      const result = await board({ root, env });
      const tasks = result.tasks.filter((t) => args.status === undefined || t.brief.status === args.status);
      const lines = tasks.map((t) => `${visibleLine(t.brief.task)} ${t.brief.status}${t.brief.title ? ` ${visibleLine(t.brief.title)}` : ''} [${progressOf(t.brief.criteria)}]`);
      return answer(withinBudget(`${tasks.length} task${tasks.length === 1 ? '' : 's'}${args.status ? ` ${args.status}` : ''}:`, lines, 'tasks', args.max_tokens ?? DEFAULT_ANSWER_TOKENS));
    }),
  );

  server.registerResource(
    'task-brief',
    new ResourceTemplate('specguard://task/{id}/brief', { list: undefined }),
    { description: "A task's rescue brief (markdown).", mimeType: 'text/markdown' },
    async (uri, variables) => {
      const id = String(Array.isArray(variables.id) ? variables.id[0] : variables.id);
      const [{ brief }, { renderMarkdown }] = await Promise.all([import('../brief/brief.js'), import('../brief/render-markdown.js')]);
      const result = await brief({ root, task: decodeURIComponent(id), env });
      if (!result) throw new SpecguardError('USAGE', unknownTaskText(id));
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: renderMarkdown(result) }] };
    },
  );
  for (const kind of BUILTIN_KINDS) {
    server.registerResource(`schema-${kind.name}`, `specguard://schema/${kind.name}`, { description: `JSON Schema of the ${kind.name} kind.`, mimeType: 'application/schema+json' }, async (uri) => ({
      contents: [{ uri: uri.href, mimeType: 'application/schema+json', text: builtinSchema(kind.name)?.text ?? '{}' }],
    }));
  }

  server.registerPrompt(
    'rescue_task',
    { description: 'Rescue a stalled task: read its brief, then take its next step.', argsSchema: { task: z.string().min(1).max(200) } },
    ({ task: id }) => ({
      messages: [
        {
          role: 'user',
          content: {
            type: 'text',
            text: `Task ${id} has stalled. Read its brief (tool task_brief, or resource specguard://task/${id}/brief). Say in two sentences where it stands and which claims the evidence does not back, then take its next step. Tick a box only while citing what proves it, and record a checkpoint (tool checkpoint_create) before you stop.`,
          },
        },
      ],
    }),
  );
  return server;
}

/**
 * Serves over stdio until the client goes away.
 * @param options - see {@link ServerOptions}
 */
export async function serveStdio(options: ServerOptions): Promise<void> {
  const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
  const server = createServer(options);
  // A message over the SDK's default 10 MiB would close the session without an answer; up to this bound a huge
  // argument is read and refused as a tool error; past it the session ends (bounded memory either way).
  const transport = new StdioServerTransport(process.stdin, process.stdout, { maxBufferSize: MAX_MESSAGE_BYTES });
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
  });
  await server.connect(transport);
  await closed;
}

/** A handler whose failures come back as tool errors: one sentence, never a crash of the server. */
function guard<A>(handler: (args: A) => Promise<ToolAnswer>): (args: A) => Promise<ToolAnswer> {
  return async (args) => {
    try {
      return await handler(args);
    } catch (error) {
      if (error instanceof SpecguardError) return toolError(visibleLine(error.message));
      const message = error instanceof Error ? error.message.split('\n', 1)[0] : String(error);
      return toolError(`internal error: ${visibleLine(message ?? '')}`);
    }
  };
}

function unknownTaskText(id: string): string {
  return `Unknown task \`${visibleLine(id)}\`: no task packet, task list, checkpoint, run manifest or commit names it.`;
}

function unknownTask(id: string): ToolAnswer {
  return toolError(unknownTaskText(id));
}

/** `3/8 proven` style progress of a task's criteria. */
function progressOf(criteria: readonly BriefCriterion[]): string {
  const c = countItems(criteria);
  return `${c.proven}/${c.total} proven, ${c.open} open`;
}
