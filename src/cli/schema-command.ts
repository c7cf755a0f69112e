/** `specguard schema [kind]`: prints a built-in kind's JSON Schema, or lists the kinds and their schema ids. */
import { Command } from 'commander';
import { SpecguardError } from '../errors.js';
import { BUILTIN_KINDS } from '../kinds/builtin-kinds.js';
import { builtinSchema, builtinSchemas } from '../kinds/builtin-schemas.js';
import { suggestName } from '../strings.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';

/** Builds the `schema` command; `setExit` receives its exit code. */
export function schemaCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('schema')
    .description("Print a built-in kind's JSON Schema (draft 2020-12); without a kind, list the kinds and their schema ids.")
    .argument('[kind]', 'a built-in kind, e.g. checkpoint')
    .action((kind: string | undefined) => {
      if (kind === undefined) {
        const schemas = builtinSchemas();
        const width = Math.max(...schemas.map((s) => s.kind.length)) + 2;
        io.stdout.write(schemas.map((s) => `${s.kind.padEnd(width)}${s.id}\n`).join(''));
        return setExit(EXIT.OK);
      }
      const schema = builtinSchema(kind);
      if (!schema) {
        const names = BUILTIN_KINDS.map((k) => k.name);
        const guess = suggestName(kind, names);
        throw new SpecguardError('USAGE', `unknown kind \`${kind}\`${guess ? `; did you mean \`${guess}\`?` : ''} (built-in kinds: ${names.join(', ')})`);
      }
      io.stdout.write(schema.text.endsWith('\n') ? schema.text : `${schema.text}\n`);
      return setExit(EXIT.OK);
    });
}
