/**
 * Edits of a JSON file that keep every byte it does not change: a member's value replaced in place, or a new
 * member added after the object's last one. Located with jsonc-parser's syntax tree; applied by the caller, from
 * the end of the text backwards, so that earlier offsets stay valid.
 */
import type { Node } from 'jsonc-parser';

/** Replace `[at, end)` of the original text with `text`. */
export interface JsonEdit {
  at: number;
  end: number;
  text: string;
}

/**
 * Sets a member of a JSON object: its value replaced when it has one, else added after its last member.
 * @param object - an object node of the file's tree (`parseTree`)
 * @param json - the new value, as JSON text
 */
export function setMember(object: Node, key: string, json: string): JsonEdit {
  const member = object.children?.find((property) => property.children?.[0]?.value === key)?.children?.[1];
  if (member) return { at: member.offset, end: member.offset + member.length, text: json };
  const last = object.children?.[object.children.length - 1];
  if (!last) return { at: object.offset + 1, end: object.offset + 1, text: `${JSON.stringify(key)}: ${json}` };
  const end = last.offset + last.length;
  return { at: end, end, text: `, ${JSON.stringify(key)}: ${json}` };
}

/** Applies edits of the same original text (each a {@link JsonEdit}); overlapping edits are not supported. */
export function applyJsonEdits(text: string, edits: readonly JsonEdit[]): string {
  let edited = text;
  for (const edit of [...edits].sort((a, b) => b.at - a.at || b.end - a.end)) edited = `${edited.slice(0, edit.at)}${edit.text}${edited.slice(edit.end)}`;
  return edited;
}
