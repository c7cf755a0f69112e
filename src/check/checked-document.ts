/** A loaded document after its kind is resolved and its metadata validated. */
import type { SourceDocument } from '../document/source-document.js';
import type { KindDefinition } from '../kinds/kind.js';
import type { SchemaProblem } from '../validate/schema-messages.js';

/** A document ready for the rules. */
export interface CheckedDocument extends SourceDocument {
  /** The resolved kind; `undefined` when a `kind:` field names no known kind. */
  readonly kindDefinition: KindDefinition | undefined;
  /** What the kind's schema found wrong with the metadata (empty when valid or not validated). */
  readonly schemaProblems: readonly SchemaProblem[];
}

/** A file that could not be loaded: unreadable, too large, binary or not UTF-8. */
export interface LoadFailure {
  readonly path: string;
  readonly message: string;
}
