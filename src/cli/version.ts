/** The package version, from package.json. */
export { VERSION } from '../package-info.js';
