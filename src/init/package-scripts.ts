/**
 * The npm scripts `init` adds to an existing `package.json`: `spec-guard`,
 * `brief` and `checkpoint`, as specguard's own package.json has them. The
 * file is edited with jsonc-parser's `modify`/`applyEdits`, so every other
 * byte (key order, indentation, line endings, a missing final newline) stays
 * as it was; a new script goes after the existing ones.
 */
import { applyEdits, modify, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { SpecguardError } from '../errors.js';

/** The scripts `init` adds: name → command. */
export const INIT_SCRIPTS: Readonly<Record<string, string>> = {
  'spec-guard': 'specguard check',
  brief: 'specguard brief',
  checkpoint: 'specguard checkpoint',
};

/** What adding the scripts does to a package.json. */
export interface ScriptsEdit {
  /** The new text (the same text when nothing changes). */
  text: string;
  /** Scripts added (there was none of that name). */
  added: string[];
  /** Scripts replaced (`force`: there was one of that name with another command). */
  replaced: string[];
  /** Scripts kept because one of that name runs another command and `force` was not given. */
  kept: string[];
}

/**
 * Adds {@link INIT_SCRIPTS} to the text of a package.json.
 * @param text - the file's text
 * @param force - replace a script of the same name that runs another command
 * @param file - the file's name, for error messages
 * @throws SpecguardError (`USAGE`) when the text is not a JSON object, or its `scripts` is not an object
 */
export function addScripts(text: string, force: boolean, file = 'package.json'): ScriptsEdit {
  const errors: ParseError[] = [];
  const json: unknown = parse(text, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  if (first) throw new SpecguardError('USAGE', `${file}: not valid JSON (${printParseErrorCode(first.error)} at offset ${first.offset}); fix it or run init without a package.json`);
  if (!isRecord(json)) throw new SpecguardError('USAGE', `${file}: not a JSON object`);
  const scripts = json.scripts ?? {};
  if (!isRecord(scripts)) throw new SpecguardError('USAGE', `${file}: \`scripts\` is not an object`);
  const formatting = { insertSpaces: !/^\t/m.test(text), tabSize: indentOf(text), eol: text.includes('\r\n') ? '\r\n' : '\n' };
  const edit: ScriptsEdit = { text, added: [], replaced: [], kept: [] };
  for (const [name, command] of Object.entries(INIT_SCRIPTS)) {
    const existing = scripts[name];
    if (existing === command) continue;
    if (existing !== undefined && !force) {
      edit.kept.push(name);
      continue;
    }
    (existing === undefined ? edit.added : edit.replaced).push(name);
    edit.text = applyEdits(edit.text, modify(edit.text, ['scripts', name], command, { formattingOptions: formatting }));
  }
  return edit;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The width of the first indented line's indentation (spaces), else 2. */
function indentOf(text: string): number {
  const match = /\n( +)\S/.exec(text);
  return match ? match[1]!.length : 2;
}
