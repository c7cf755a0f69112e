/**
 * remark in the calling thread, loaded only when something needs it there. The body scan reads markdown on its
 * fast path and sends what that path declines to a worker thread that loads remark itself (`bounded-scan.ts`), so
 * a run from the built package never loads remark (unified, remark-parse, remark-gfm, micromark: about 140 ms of
 * start-up) in its main thread. It is loaded here, once, when running from the TypeScript sources (no worker entry
 * point) and when rules other than the built-in ones run (a plug-in rule may call a document's `mdast()`).
 */
import type { Root } from 'mdast';

let parser: ((text: string) => Root) | undefined;

/** Whether this module runs from the built package, where a worker thread parses with remark. */
export const REMARK_IN_WORKERS = import.meta.url.endsWith('.js');

/** Loads remark into this thread, once. */
export async function loadRemark(): Promise<void> {
  parser ??= (await import('./parse.js')).parseMarkdown;
}

// From the TypeScript sources no worker parses with remark: this thread does, so it loads remark at once.
if (!REMARK_IN_WORKERS) await loadRemark();

/**
 * Parses markdown with remark, as `parseMarkdown` does.
 * @param text - the whole file (frontmatter included)
 * @throws Error when remark was not loaded into this thread ({@link loadRemark}): the one case is a run whose
 *   worker threads could not start, where the body scan reports the file as not checked, with this message
 */
export function parseWithRemark(text: string): Root {
  if (!parser) throw new Error('the markdown parser could not start in a worker thread');
  return parser(text);
}
