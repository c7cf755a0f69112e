/** What package.json says about specguard itself, read once. */
import { readFileSync } from 'node:fs';
import { PACKAGE_JSON } from './package-paths.js';

interface PackageJson {
  version: string;
  homepage: string;
  repository: { url: string };
}

const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as PackageJson;

/** specguard's version, as in package.json. */
export const VERSION: string = pkg.version;

/** The project's home page, from package.json (without a fragment). */
export const HOMEPAGE: string = pkg.homepage.replace(/#.*$/, '');

/**
 * The command that installs specguard into a project today: from its git repository (package.json's
 * `repository.url`), which npm clones and builds. Once the package is on the npm registry this becomes
 * `npm install --save-dev specguard`.
 */
export const INSTALL_COMMAND = `npm install --save-dev ${pkg.repository.url}`;
