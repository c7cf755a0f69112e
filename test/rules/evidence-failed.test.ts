import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkpointFrontmatter, lines, manifest, markdown, places, ruleFindings, validPacket } from '../helpers/check-repo.js';
import { tempRepo } from '../helpers/temp-repo.js';

const RULE = 'evidence-failed';
const LIST = 'tasks/tasks-0001.md';

describe('evidence-failed', () => {
  it('reports a cited manifest whose status is not succeeded, at the citation', async () => {
    const findings = await ruleFindings(RULE, {
      '.runs/460/a/manifest.json': manifest({ status: 'failed' }),
      [LIST]: lines('# Tasks', '', '- [x] run `.runs/460/a/manifest.json`'),
    });
    expect(places(findings)).toEqual([[LIST, 3, 11]]);
    expect(findings[0]!.severity).toBe('error');
    expect(findings[0]!.message).toBe('Run manifest `.runs/460/a/manifest.json` records status `failed`, not `succeeded`.');
  });

  it('follows a cited run folder to its manifest', async () => {
    const findings = await ruleFindings(RULE, {
      '.runs/460/a/manifest.json': manifest({ status: 'running' }),
      [LIST]: lines('- [x] run `.runs/460/a/`', '- [x] run [the run](../.runs/460/a)'),
    });
    expect(places(findings)).toEqual([
      [LIST, 1, 11],
      [LIST, 2, 11],
    ]);
    expect(findings[0]!.message).toBe('Run manifest `.runs/460/a/manifest.json` records status `running`, not `succeeded`.');
  });

  it('reports a cited manifest that fails the run-manifest schema', async () => {
    const { started_at: _dropped, ...withoutStart } = manifest();
    const findings = await ruleFindings(RULE, {
      '.runs/460/a/manifest.json': withoutStart,
      [LIST]: lines('- [x] run `.runs/460/a/manifest.json`'),
    });
    expect(places(findings)).toEqual([[LIST, 1, 11]]);
    expect(findings[0]!.message).toContain('Run manifest `.runs/460/a/manifest.json` fails the run-manifest schema (');
    expect(findings[0]!.message).toContain('`started_at`');
  });

  it('reports a cited manifest that is not valid JSON, or cannot be read', async () => {
    const root = tempRepo({
      '.runs/460/a/manifest.json': '{ "run_id": "a", ',
      '.runs/460/b/manifest.json': '',
      [LIST]: lines('- [x] run `.runs/460/a/manifest.json`', '- [x] run `.runs/460/b/manifest.json`'),
    });
    writeFileSync(path.join(root, '.runs/460/b/manifest.json'), Buffer.from([0x7b, 0x00, 0x7d]));
    const findings = await ruleFindings(RULE, root);
    expect(places(findings)).toEqual([
      [LIST, 1, 11],
      [LIST, 2, 11],
    ]);
    expect(findings[0]!.message).toBe('Run manifest `.runs/460/a/manifest.json` is not valid JSON, so it proves nothing.');
    expect(findings[1]!.message).toContain('Run manifest `.runs/460/b/manifest.json` cannot be read: Binary file');
  });

  it('reports a succeeded manifest with a command that exited non-zero', async () => {
    const findings = await ruleFindings(RULE, {
      '.runs/460/a/manifest.json': manifest({ commands: [{ command: 'npm ci', exit_code: 0 }, { command: 'npm test', exit_code: 1 }] }),
      [LIST]: lines('- [x] run `.runs/460/a/manifest.json`'),
    });
    expect(places(findings)).toEqual([[LIST, 1, 11]]);
    expect(findings[0]!.message).toBe('Run manifest `.runs/460/a/manifest.json` records status `succeeded`, but `npm test` exited with code 1.');
  });

  it("reports a manifest of another task cited by a packet that has a task", async () => {
    const findings = await ruleFindings(RULE, {
      '.runs/461/a/manifest.json': manifest({ task_id: '461' }),
      'state/packets/460.md': validPacket(460, ['- [x] tests pass `.runs/461/a/manifest.json`', '- [x] tests pass `.runs/461/a/`']),
    });
    expect(places(findings)).toEqual([
      ['state/packets/460.md', 17, 18],
      ['state/packets/460.md', 18, 18],
    ]);
    expect(findings[0]!.message).toBe('Run manifest `.runs/461/a/manifest.json` belongs to task `461`, not to this task `460`.');
    expect(findings[1]!.message).toBe('Run manifest `.runs/461/a/manifest.json` (cited as `.runs/461/a/`) belongs to task `461`, not to this task `460`.');
  });

  it('reports a manifest of another task cited by a checkpoint', async () => {
    const findings = await ruleFindings(RULE, {
      '.runs/7/a/manifest.json': manifest({ task_id: 7 }),
      'state/checkpoints/460/01.md': markdown(checkpointFrontmatter(460), '- [x] migrated `.runs/7/a/manifest.json`'),
    });
    expect(places(findings)).toEqual([['state/checkpoints/460/01.md', 8, 16]]);
    expect(findings[0]!.message).toContain('belongs to task `7`, not to this task `460`');
  });

  it('accepts a succeeded manifest of the same task (numbers and strings alike), and any task when the citer has none', async () => {
    const findings = await ruleFindings(RULE, {
      '.runs/460/a/manifest.json': manifest({ task_id: '460' }),
      '.runs/460/b/manifest.json': manifest({ task_id: 460, commands: [{ command: 'npm test', exit_code: 0 }, { command: 'still running', exit_code: null }] }),
      '.runs/461/a/manifest.json': manifest({ task_id: '461' }),
      'state/packets/460.md': validPacket(460, ['- [x] a `.runs/460/a/manifest.json`', '- [x] b `.runs/460/b/`']),
      [LIST]: lines('- [x] other task `.runs/461/a/manifest.json`'),
      // The control: a packet of task 461 cannot cite task 460's run.
      'state/packets/461.md': validPacket(461, ['- [x] c `.runs/460/a/manifest.json`']),
    });
    expect(places(findings)).toEqual([['state/packets/461.md', 17, 9]]);
  });

  it('treats any cited manifest.json as a run manifest, even outside .runs/', async () => {
    const findings = await ruleFindings(RULE, {
      'evidence/manifest.json': manifest({ status: 'cancelled' }),
      [LIST]: lines('- [x] run `evidence/`'),
    });
    expect(places(findings)).toEqual([[LIST, 1, 11]]);
    expect(findings[0]!.message).toContain('records status `cancelled`');
  });

  it('ignores unticked items citing failed runs', async () => {
    const findings = await ruleFindings(RULE, {
      '.runs/460/a/manifest.json': manifest({ status: 'failed' }),
      [LIST]: lines('- [ ] run `.runs/460/a/manifest.json`', '- [x] run `.runs/460/a/manifest.json`'),
    });
    expect(places(findings)).toEqual([[LIST, 2, 11]]);
  });
});
