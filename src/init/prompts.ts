/**
 * The questions `init` asks on a terminal: the folder of each kind, with the
 * default in brackets (Enter takes it). Answers are read line by line from the
 * input with node:readline/promises; questions go to a text sink (stderr in
 * the CLI, so that stdout carries only what `init` did). `askOne` asks a
 * single question the same way (`checkpoint create` asks for a summary).
 */
import { createInterface } from 'node:readline/promises';
import type { TextSink, TextSource } from '../cli/io.js';
import { ASKED_KINDS, folderLabel, parseFolder, type InitLayout } from './layout.js';

/** What a question makes of an answer: the value it stands for, or the problem to explain before asking again. */
export type Verdict<T> = { value: T } | { problem: string };

/**
 * Asks one question until an answer is accepted: writes the question, reads a line, and explains an unusable
 * answer (indented, on its own line) before asking again.
 * @param lines - the input's lines, shared by a run of questions (one readline interface's iterator)
 * @param accept - what an answer (trimmed) stands for
 * @returns the accepted value, or `undefined` when the input ends first
 */
export async function askUntil<T>(lines: AsyncIterator<string>, output: TextSink, question: string, accept: (answer: string) => Verdict<T>): Promise<T | undefined> {
  for (;;) {
    output.write(question);
    const next = await lines.next();
    if (next.done) {
      output.write('\n');
      return undefined;
    }
    const verdict = accept(String(next.value).trim());
    if ('value' in verdict) return verdict.value;
    output.write(`  ${verdict.problem}\n`);
  }
}

/**
 * Asks one question on its own (see {@link askUntil}), reading answers line by line from `input`.
 * @returns the accepted value, or `undefined` when the input ends first
 */
export async function askOne<T>(input: TextSource, output: TextSink, question: string, accept: (answer: string) => Verdict<T>): Promise<T | undefined> {
  const reader = createInterface({ input, terminal: false });
  try {
    return await askUntil(reader[Symbol.asyncIterator](), output, question, accept);
  } finally {
    reader.close();
  }
}

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
  try {
    for (const kind of ASKED_KINDS) {
      const folder = await askUntil(lines, output, `${folderLabel(kind)} folder [${defaults[kind]}]: `, (answer): Verdict<string> => {
        if (answer === '') return { value: defaults[kind] };
        const parsed = parseFolder(kind, answer);
        return 'folder' in parsed ? { value: parsed.folder } : parsed;
      });
      if (folder === undefined) break;
      layout[kind] = folder;
    }
  } finally {
    reader.close();
  }
  return layout;
}
