import { describe, expect, it } from 'vitest';
import { checkRepo, findingsOf, lines, manifest, places, ruleFindings } from '../helpers/check-repo.js';

const RULE = 'manifest-schema';
const MANIFEST = '.runs/460/2026-11-20T10-00-00Z/manifest.json';

describe('manifest-schema', () => {
  it('reports a value outside its enum at its key, even when nothing cites the manifest', async () => {
    const findings = await ruleFindings(RULE, {
      [MANIFEST]: lines('{', '  "run_id": "r1",', '  "task_id": "460",', '  "started_at": "2026-11-20T10:00:00Z",', '  "status": "done"', '}'),
    });
    expect(places(findings)).toEqual([[MANIFEST, 5, 3]]);
    expect(findings[0]!.severity).toBe('error');
    expect(findings[0]!.message).toBe('`status` must be one of `running`, `succeeded`, `failed`, `cancelled`; found `done`.');
  });

  it('reports a missing required key', async () => {
    const findings = await ruleFindings(RULE, {
      [MANIFEST]: lines('{', '  "run_id": "r1",', '  "task_id": "460",', '  "started_at": "2026-11-20T10:00:00Z"', '}'),
    });
    expect(findings.map((f) => f.file)).toEqual([MANIFEST]);
    expect(findings[0]!.message).toBe('Missing required key `status` in the document.');
  });

  it('reports nested problems at the nested key: a bad date-time, a string exit code', async () => {
    const findings = await ruleFindings(RULE, {
      [MANIFEST]: lines(
        '{',
        '  "run_id": "r1",',
        '  "task_id": "460",',
        '  "started_at": "yesterday",',
        '  "status": "succeeded",',
        '  "commands": [',
        '    { "command": "npm test", "exit_code": "0" }',
        '  ]',
        '}',
      ),
    });
    expect(places(findings)).toEqual([
      [MANIFEST, 4, 3],
      [MANIFEST, 7, 30],
    ]);
    expect(findings[0]!.message).toContain('`started_at` must be a date and time with a time zone');
    expect(findings[1]!.message).toBe('`commands[0].exit_code` must be a whole number or empty; found `0`.');
  });

  it('reports a manifest that is not an object', async () => {
    const findings = await ruleFindings(RULE, { [MANIFEST]: '[]\n' });
    expect(places(findings)).toEqual([[MANIFEST, 1, 1]]);
    expect(findings[0]!.message).toBe('The document must be a mapping (key: value); found a list.');
  });

  it('accepts a valid manifest, with fields of other tools', async () => {
    const findings = await ruleFindings(RULE, {
      [MANIFEST]: manifest({ heartbeat_at: '2026-11-20T10:04:00Z', tool: { name: 'codex', version: 3 }, commands: [{ command: 'npm test', exit_code: 0, duration_ms: 1200 }] }),
      '.runs/460/b/manifest.json': manifest({ task_id: 460, status: 'running', finished_at: undefined, commands: [{ command: 'npm test', exit_code: null }] }),
      // The control: a command without its command line.
      '.runs/460/c/manifest.json': manifest({ commands: [{ exit_code: 0 }] }),
    });
    expect(findings.map((f) => [f.file, f.message])).toEqual([['.runs/460/c/manifest.json', 'Missing required key `command` in `commands[0]`.']]);
  });

  it('is the only schema rule for manifests: frontmatter-schema stays silent', async () => {
    const report = await checkRepo({ [MANIFEST]: manifest({ status: 'done' }) });
    expect(findingsOf(report, RULE)).toHaveLength(1);
    expect(findingsOf(report, 'frontmatter-schema')).toEqual([]);
  });

  it('does not check other JSON kinds', async () => {
    const findings = await ruleFindings(RULE, { 'tasks/index.json': lines('{', '  "entries": []', '}'), [MANIFEST]: lines('{', '  "entries": []', '}') });
    expect(findings.map((f) => f.file)).toEqual([MANIFEST, MANIFEST, MANIFEST, MANIFEST]);
  });
});
