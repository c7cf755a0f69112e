/**
 * Fills a template: a markdown file with YAML frontmatter whose values and
 * body hold `{{name}}` placeholders. Frontmatter values are set through the
 * YAML library, never pasted as text, so a summary with quotes or colons
 * still gives valid YAML; keys left without a value are removed.
 */
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { findFrontmatter } from '../document/frontmatter.js';

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/**
 * Fills a template.
 * @param template - the template text
 * @param values - frontmatter values by key; `undefined` or an empty list removes a key whose template value is a placeholder or empty list
 * @param body - text for the body's placeholders by name; a frontmatter value of the same name is used when absent, else ''
 * @throws Error when the template has no frontmatter, or frontmatter that is not valid YAML or not a mapping
 */
export function fillTemplate(template: string, values: Record<string, unknown>, body: Record<string, string>): string {
  const block = findFrontmatter(template);
  if (!block || !block.terminated) throw new Error('template has no frontmatter');
  const doc = parseDocument(block.yaml);
  const broken = doc.errors[0];
  if (broken) throw new Error(`template frontmatter is not valid YAML (${broken.code.toLowerCase().replace(/_/g, ' ')} at line ${(broken.linePos?.[0].line ?? 0) + 1})`);
  if (!isMap(doc.contents)) throw new Error('template frontmatter is not a mapping');
  for (const pair of [...doc.contents.items]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined) continue;
    const value = values[key];
    const templated = (isScalar(pair.value) && typeof pair.value.value === 'string' && PLACEHOLDER.test(pair.value.value)) || (isSeq(pair.value) && pair.value.items.length === 0);
    PLACEHOLDER.lastIndex = 0;
    if (value === undefined || (Array.isArray(value) && value.length === 0)) {
      if (templated) doc.delete(key);
    } else {
      doc.set(key, value);
    }
  }
  const text = (name: string): string => body[name] ?? (typeof values[name] === 'string' || typeof values[name] === 'number' ? String(values[name]) : '');
  const filledBody = template.slice(block.bodyOffset).replace(PLACEHOLDER, (_, name: string) => text(name));
  return `---\n${doc.toString({ lineWidth: 0 })}---\n${filledBody}`;
}
