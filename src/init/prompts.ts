/**
 * The questions `init` asks on a terminal: the folder of each kind, with the
 * default in brackets (Enter takes it). Answers are read line by line from the
 * input with node:readline/promises; questions go to a text sink (stderr in
 * the CLI, so that stdout carries only what `init` did).
 */
import { createInterface } from 'node:readline/promises';
import type { TextSink, TextSource } from '../cli/io.js';
import { ASKED_KINDS, folderLabel, parseFolder, type InitLayout } from './layout.js';

/**
 * Asks for the folder of each kind in {@link ASKED_KINDS} order. An empty
 * answer takes the default; an unusable one is explained and asked again.
 * When the input ends, the remaining questions take their defaults.
 * @param defaults - the folder offered for each kind
 * @param input - where answers are read from (a terminal)
 * @param output - where questions and explanations are written
 * @returns the chosen layout
 */
export async function askLayout(defaults: InitLayout, input: TextSource, output: TextSink): Promise<InitLayout> {
  const reader = createInterface({ input, terminal: false });
  const lines = reader[Symbol.asyncIterator]();
  const layout = { ...defaults };
  let ended = false;
  try {
    for (const kind of ASKED_KINDS) {
      while (!ended) {
        output.write(`${folderLabel(kind)} folder [${defaults[kind]}]: `);
        const next = await lines.next();
        if (next.done) {
          ended = true;
          output.write('\n');
          break;
        }
        const answer = String(next.value).trim();
        if (answer === '') break;
        const parsed = parseFolder(kind, answer);
        if ('folder' in parsed) {
          layout[kind] = parsed.folder;
          break;
        }
        output.write(`  ${parsed.problem}\n`);
      }
    }
  } finally {
    reader.close();
  }
  return layout;
}
