import { describe, expect, it } from 'vitest';
import { lines, places, ruleFindings } from '../helpers/check-repo.js';

const RULE = 'link-broken';
const LIST = 'tasks/tasks-0001.md';
const MANIFEST = '.runs/460/a/manifest.json';

describe('link-broken', () => {
  it("reports a relative link to a missing file, read from the file's folder", async () => {
    const findings = await ruleFindings(RULE, { [LIST]: lines('# Tasks', '', 'See [the spec](specs/missing.md) for details.') });
    expect(places(findings)).toEqual([[LIST, 3, 5]]);
    expect(findings[0]!.severity).toBe('error');
    expect(findings[0]!.endColumn).toBe(33);
    expect(findings[0]!.message).toBe('Link target `specs/missing.md` does not exist (looked for `tasks/specs/missing.md`).');
  });

  it('accepts links to existing files and folders, with fragments, queries and percent-encoding', async () => {
    const findings = await ruleFindings(RULE, {
      'README.md': '# Repo\n',
      'tasks/my notes.md': '# Notes\n',
      'docs/guide/index.md': '# Guide\n',
      [LIST]: lines(
        'See [the readme](../README.md), [section](../README.md#usage), [plain](../README.md?plain=1).',
        'See [notes](my%20notes.md), [notes too](<my notes.md>), [guide](../docs/guide/).',
        '![readme as image](../README.md)',
        'And one [broken](../READ.md) link.',
      ),
    });
    expect(places(findings)).toEqual([[LIST, 4, 9]]);
  });

  it('ignores #anchors, URLs with a scheme, protocol-relative URLs and mail links', async () => {
    const findings = await ruleFindings(RULE, {
      [LIST]: lines(
        'See [above](#tasks), [site](https://example.com/missing.md), [mail](mailto:a@example.com), [cdn](//cdn.example/x.js), <https://example.com/a.md>.',
        'But [this](missing.md#tasks) is checked.',
      ),
    });
    expect(places(findings)).toEqual([[LIST, 2, 5]]);
  });

  it('reads a leading / from the repository root', async () => {
    const findings = await ruleFindings(RULE, {
      'README.md': '# Repo\n',
      [LIST]: lines('See [root](/README.md).', 'See [gone](/nope.md).'),
    });
    expect(places(findings)).toEqual([[LIST, 2, 5]]);
    expect(findings[0]!.message).toBe('Link target `/nope.md` does not exist (looked for `nope.md`).');
  });

  it('checks images and link definitions too', async () => {
    const findings = await ruleFindings(RULE, {
      [LIST]: lines('![diagram](img/diagram.png)', '', 'See [the docs][docs].', '', '[docs]: ../docs/missing.md'),
    });
    expect(places(findings)).toEqual([
      [LIST, 1, 1],
      [LIST, 5, 1],
    ]);
    expect(findings[0]!.message).toContain('looked for `tasks/img/diagram.png`');
    expect(findings[1]!.message).toContain('looked for `docs/missing.md`');
  });

  it('reports a link that leaves the repository without following it', async () => {
    const findings = await ruleFindings(RULE, { [LIST]: lines('See [escape](../../outside.md).') });
    expect(places(findings)).toEqual([[LIST, 1, 5]]);
    expect(findings[0]!.message).toBe('Link target `../../outside.md` leaves the repository; it was not followed.');
  });

  it('checks links in every markdown kind', async () => {
    const findings = await ruleFindings(RULE, {
      'tasks/specs/0001-core.md': lines('---', 'id: 0001-core', 'title: Core', 'status: draft', 'last_review: 2026-11-01', '---', 'Read [the design](design.md).'),
    });
    expect(places(findings)).toEqual([['tasks/specs/0001-core.md', 7, 6]]);
    expect(findings[0]!.message).toContain('looked for `tasks/specs/design.md`');
  });

  it("reports a run manifest's missing command log, at the log value", async () => {
    const findings = await ruleFindings(RULE, {
      '.runs/460/a/test.log': 'ok\n',
      'logs/lint.log': 'ok\n',
      [MANIFEST]: lines(
        '{',
        '  "run_id": "a",',
        '  "task_id": "460",',
        '  "started_at": "2026-11-20T10:00:00Z",',
        '  "status": "succeeded",',
        '  "commands": [',
        '    { "command": "npm test", "exit_code": 0, "log": "test.log" },',
        '    { "command": "lint", "exit_code": 0, "log": "logs/lint.log" },',
        '    { "command": "build", "exit_code": 0, "log": "missing.log" },',
        '    { "command": "upload", "exit_code": 0, "log": "https://ci.example/log/1" },',
        '    { "command": "steal", "exit_code": 0, "log": "../../../../etc/passwd" },',
        '    { "command": "quiet", "exit_code": 0 }',
        '  ]',
        '}',
      ),
    });
    expect(places(findings)).toEqual([
      [MANIFEST, 9, 50],
      [MANIFEST, 11, 50],
    ]);
    expect(findings[0]!.message).toBe('Command log `missing.log` does not exist (looked in `.runs/460/a/` and at the repository root).');
    expect(findings[1]!.message).toBe('Command log `../../../../etc/passwd` is outside the repository; it was not read.');
  });

  it('accepts a manifest whose logs all exist', async () => {
    const findings = await ruleFindings(RULE, {
      '.runs/460/a/test.log': 'ok\n',
      [MANIFEST]: { run_id: 'a', task_id: '460', started_at: '2026-11-20T10:00:00Z', status: 'succeeded', commands: [{ command: 'npm test', exit_code: 0, log: 'test.log' }] },
      // The control: the same log, from another run's folder, is not there.
      '.runs/460/b/manifest.json': { run_id: 'b', task_id: '460', started_at: '2026-11-20T10:00:00Z', status: 'succeeded', commands: [{ command: 'npm test', exit_code: 0, log: 'test.log' }] },
    });
    expect(findings.map((f) => f.file)).toEqual(['.runs/460/b/manifest.json']);
  });
});
