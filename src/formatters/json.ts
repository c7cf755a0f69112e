import type { Formatter } from './formatter.js';

/** The JSON report: version 1 of the contract in `schemas/report.schema.json`, pretty-printed, with a final newline. */
export const jsonFormatter: Formatter = (report) => `${JSON.stringify(report, null, 2)}\n`;
