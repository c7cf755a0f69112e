/** Compares the fast body scan with the remark scan of the same text. */
import { itemCitations } from '../../src/evidence/citations.js';
import { findFrontmatter } from '../../src/document/frontmatter.js';
import { scanWithRemark, type BodyScan } from '../../src/markdown/body-scan.js';
import { explainDecline, fastScan } from '../../src/markdown/fast-scan.js';
import { parseMarkdown } from '../../src/markdown/parse.js';
import { fastPathOffset } from '../../src/markdown/scan-body.js';

/** What the rules see of a scan, in a form that compares with toEqual. */
export function observable(scan: BodyScan, text: string, file = 'tasks/tasks-x.md'): unknown {
  return {
    items: scan.items.map((i) => ({
      checked: i.checked,
      start: i.start,
      line: i.line,
      checkbox: i.checkbox,
      text: i.text,
      citations: itemCitations(i, text, file, { issueRefs: 'qualified' }),
      descendants: i.descendants.map((d) => d.start),
    })),
    links: scan.links,
    headings: scan.headings,
  };
}

/** The fast scan of a file (undefined when it declines) and the remark scan, both as {@link observable}. */
export function bothScans(text: string, file?: string): { fast: unknown; remark: unknown } {
  const block = findFrontmatter(text);
  const offset = block ? block.bodyOffset : 0;
  const fast = fastScan(text, offset);
  return { fast: fast && observable(fast, text, file), remark: observable(scanWithRemark(parseMarkdown(text), text), text, file) };
}

/** Everything a scan holds (every inline piece with its range, the item texts), in a form that compares with toEqual. */
export function exact(scan: BodyScan): unknown {
  return {
    items: scan.items.map((i) => ({ checked: i.checked, start: i.start, line: i.line, checkbox: i.checkbox, inlines: i.inlines, text: i.text, descendants: i.descendants.map((d) => d.start) })),
    links: scan.links,
    headings: scan.headings,
  };
}

/** Both scans of a file as {@link exact} (the fast one undefined when it declines), and why the fast path declined. */
export function exactScans(text: string): { fast: unknown; remark: unknown; declined?: string } {
  // Where scanBody starts the fast path (undefined: frontmatter remark may read otherwise, so it does not try).
  const offset = fastPathOffset(text, findFrontmatter(text));
  const remark = exact(scanWithRemark(parseMarkdown(text), text));
  if (offset === undefined) return { fast: undefined, remark, declined: 'frontmatter' };
  const fast = fastScan(text, offset);
  const declined = fast ? undefined : explainDecline(text, offset);
  return { fast: fast && exact(fast), remark, ...(declined ? { declined } : {}) };
}
