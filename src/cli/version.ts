/** The package version, from package.json. */
import { readFileSync } from 'node:fs';

/** specguard's version, as in package.json. */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
