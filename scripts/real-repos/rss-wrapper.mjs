#!/usr/bin/env node
// @ts-check
/**
 * `node rss-wrapper.mjs RSS_FILE BIN ARGS...`: runs BIN (bin/specguard.js) in
 * this very process with ARGS, and at exit writes the process's peak RSS in kB
 * (process.resourceUsage().maxRSS, which counts worker threads) to RSS_FILE.
 * run.mjs uses it where GNU time is missing. It is a file, not `node -e`: run
 * from `-e`, the same check peaked about 30 MB lower than `node bin/specguard.js`
 * (128 MB), so the figure would not be the one a user sees.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [, , rssFile, bin, ...rest] = process.argv;
if (!rssFile || !bin) {
  process.stderr.write('usage: node rss-wrapper.mjs RSS_FILE BIN [ARGS...]\n');
  process.exit(2);
}
process.argv = [process.argv[0] ?? process.execPath, bin, ...rest];
process.on('exit', () => {
  try {
    writeFileSync(rssFile, `${process.resourceUsage().maxRSS}\n`);
  } catch {
    // Nothing to report to: run.mjs shows the peak as unknown.
  }
});
await import(pathToFileURL(bin).href);
