/**
 * Shared pieces of the hardening tests: a file system that records every path
 * it is asked about (to prove nothing outside the repository is read), the
 * report schema's validator, and the built CLI for tests that need a real
 * child process.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeFileSystem, type FileSystem } from '../../src/fs/file-system.js';
import { schemaFile } from '../../src/package-paths.js';
import { SchemaRegistry, type SchemaValidator } from '../../src/validate/schema-registry.js';

/** The package root. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The CLI entry point of the build. */
export const CLI = path.join(PACKAGE_ROOT, 'bin', 'specguard.js');

/** Builds the package once when `dist/` lacks the files the child-process tests run. */
export function ensureBuilt(): void {
  if (!existsSync(path.join(PACKAGE_ROOT, 'dist', 'markdown', 'remark-worker.js'))) execFileSync('npm', ['run', 'build'], { cwd: PACKAGE_ROOT, stdio: 'ignore' });
}

/** The real file system, recording every path it is asked to read, stat or resolve. */
export function recordingFileSystem(): { fs: FileSystem; touched: string[]; read: string[] } {
  const touched: string[] = [];
  const read: string[] = [];
  const fs: FileSystem = {
    readFile: (p) => {
      touched.push(p);
      read.push(p);
      return nodeFileSystem.readFile(p);
    },
    lstat: (p) => {
      touched.push(p);
      return nodeFileSystem.lstat(p);
    },
    stat: (p) => {
      touched.push(p);
      return nodeFileSystem.stat(p);
    },
    realpath: (p) => {
      touched.push(p);
      return nodeFileSystem.realpath(p);
    },
  };
  return { fs, touched, read };
}

/** Whether an absolute path lies inside a folder. */
export function isInside(folder: string, p: string): boolean {
  const relative = path.relative(folder, p);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

let reportValidator: SchemaValidator | undefined;

/** Validates a value against `schemas/report.schema.json`; returns the errors (empty when valid). */
export function reportSchemaErrors(value: unknown): unknown[] {
  reportValidator ??= new SchemaRegistry().validator(schemaFile('report'));
  return reportValidator(value);
}

/** Object.prototype's own property names, to compare before and after. */
export function prototypeSnapshot(): string[] {
  return Object.getOwnPropertyNames(Object.prototype).sort();
}
