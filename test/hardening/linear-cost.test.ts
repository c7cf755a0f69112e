/**
 * No crash and no super-linear cost on any single line or file (fixed input sizes, generous bounds: these look
 * for blow-ups, not speed): a ticked box followed by 150,000 code spans or 50,000 issue references, a line with 20,000 broken links, a
 * config with 3,000 ignore globs, a YAML list of 200,000 items.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/check.js';
import { commitAll, gitInit, tempRepo } from '../helpers/temp-repo.js';

const LIST = 'tasks/tasks-0001.md';

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

describe('linear cost', () => {
  it('a ticked box followed by 150,000 code spans: no stack overflow, a finding', async () => {
    const root = tempRepo({ [LIST]: `- [x] ${'`a` '.repeat(150_000)}\n` });
    const { result, ms } = await timed(() => check({ root, now: '2026-11-21', env: {} }));
    expect(result.summary.files).toBe(1);
    expect(result.findings.some((f) => f.file === LIST)).toBe(true);
    expect(ms).toBeLessThan(60_000);
  }, 120_000);

  it('a ticked box followed by 50,000 issue references in one text: each read from a bounded window', async () => {
    const root = tempRepo({ [LIST]: `- [x] fixes ${Array.from({ length: 50_000 }, (_, i) => `#${i + 1}`).join(' ')}\n` });
    const { result, ms } = await timed(() => check({ root, now: '2026-11-21', env: {} }));
    expect(result.findings.some((f) => f.ruleId === 'evidence-external')).toBe(true);
    expect(ms).toBeLessThan(60_000);
  }, 120_000);

  it('a line with 20,000 broken links: reported without a blow-up', async () => {
    const root = tempRepo({ 'docs/notes.md': '# x\n', [LIST]: `- [ ] ${Array.from({ length: 20_000 }, (_, i) => `[l](missing-${i}.md)`).join(' ')}\n` });
    const { result, ms } = await timed(() => check({ root, now: '2026-11-21', env: {} }));
    // One finding per line names the first broken link and how many more there are.
    const broken = result.findings.filter((f) => f.ruleId === 'link-broken');
    expect(broken.length).toBeGreaterThanOrEqual(1);
    expect(broken[0]!.message).toContain('missing-0.md');
    expect(ms).toBeLessThan(30_000);
  }, 120_000);

  it('a config with 3,000 ignore globs is compiled once', async () => {
    const ignore = Array.from({ length: 3000 }, (_, i) => `  - "generated/part-${i}/**"`).join('\n');
    const root = tempRepo({ 'specguard.config.yaml': `ignore:\n${ignore}\n`, [LIST]: '- [ ] open\n', 'generated/part-7/tasks/tasks-0002.md': '- [x] ignored\n' });
    gitInit(root);
    commitAll(root, 'Files', '2026-11-01T10:00:00Z');
    const { result, ms } = await timed(() => check({ root, now: '2026-11-21', env: {} }));
    expect(result.summary.files).toBe(1);
    expect(ms).toBeLessThan(20_000);
  }, 120_000);

  it('a frontmatter list of 200,000 items: no stack overflow', async () => {
    const root = tempRepo({ [LIST]: `---\ntitle: x\nowner: [${Array.from({ length: 200_000 }, (_, i) => i).join(', ')}]\n---\n- [ ] open\n` });
    const { result } = await timed(() => check({ root, now: '2026-11-21', env: {} }));
    expect(result.summary.files).toBe(1);
  }, 120_000);
});
