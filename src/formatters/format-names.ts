/** The names of the built-in report formats, without loading them (the CLI's help lists them). */
export const BUILTIN_FORMAT_NAMES = ['stylish', 'json', 'sarif', 'junit', 'github'] as const;

/** A built-in report format's name. */
export type BuiltinFormatName = (typeof BUILTIN_FORMAT_NAMES)[number];
