/** Small HTML helpers of the board: escaping, and links to repository files that work from a `file://` URL. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML element content and for quoted attribute values (`&`, `<`, `>`, `"`, `'`), as the
 * OWASP cheat sheet's rule #1 and #2 ask; control characters other than tab and newline become U+FFFD.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '\uFFFD');
}

/**
 * The `href` of a repository file, relative to the folder the page is written to, so that it works when the
 * page is opened from a `file://` URL and when page and repository are moved together.
 * @param root - absolute path of the repository
 * @param file - repo-relative POSIX path
 * @param pageFolder - absolute path of the folder that holds the page
 * @returns a relative URL with every path segment percent-encoded (so `:`, `#`, `?` and spaces stay part of
 *   the path), or a `file://` URL when no relative path exists (another drive on Windows)
 */
export function fileHref(root: string, file: string, pageFolder: string): string {
  const target = path.join(root, ...file.split('/'));
  const relative = path.relative(pageFolder, target);
  if (path.isAbsolute(relative)) return pathToFileURL(target).href;
  return relative.split(path.sep).map(encodeURIComponent).join('/') || '.';
}
