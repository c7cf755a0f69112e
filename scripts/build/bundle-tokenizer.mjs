#!/usr/bin/env node
/**
 * Build step: bundles gpt-tokenizer's o200k_base entry point (the one encoding
 * specguard counts tokens in) into dist/vendor/o200k-base.cjs with esbuild.
 * The package itself ships every encoding three times over (ESM, CJS, source:
 * about 55 MB); the bundle holds the o200k tables and the encoder only (about
 * 3 MB), so gpt-tokenizer is a devDependency and a production install does not
 * carry it. gpt-tokenizer's MIT licence is kept in the bundle's header.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const entry = require.resolve('gpt-tokenizer/encoding/o200k_base');
const packageDir = path.dirname(require.resolve('gpt-tokenizer/package.json'));
const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
const licence = readFileSync(path.join(packageDir, 'LICENSE'), 'utf8').trim();
const outfile = path.join(root, 'dist', 'vendor', 'o200k-base.cjs');
mkdirSync(path.dirname(outfile), { recursive: true });
const banner = `/*! gpt-tokenizer ${version}, encoding o200k_base, bundled by specguard's build.\n${licence.replace(/\*\//g, '* /')}\n*/`;
await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, banner: { js: banner }, legalComments: 'none', logLevel: 'error' });
writeFileSync(path.join(root, 'dist', 'vendor', 'o200k-base.json'), `${JSON.stringify({ package: 'gpt-tokenizer', version, encoding: 'o200k_base' })}\n`);
process.stdout.write(`bundle-tokenizer: gpt-tokenizer ${version} o200k_base bundled to dist/vendor/o200k-base.cjs\n`);
