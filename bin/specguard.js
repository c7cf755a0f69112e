#!/usr/bin/env node
// The specguard command. All logic lives in dist/ (built from src/ by `npm run build`).

// A reader that goes away (`specguard check | head -1`) ends the output quietly, with the exit code the run
// deserved; any other failure to write (a full disk: ENOSPC) is one line on stderr and exit 2.
let outputLost = false;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error && error.code === 'EPIPE') {
      outputLost = true;
      return;
    }
    if (stream === process.stdout && !outputLost) {
      outputLost = true;
      try {
        process.stderr.write(`specguard: cannot write the output (${(error && error.code) || 'error'})\n`);
      } catch {
        // stderr is gone too: the exit code still tells.
      }
    }
    process.exit(2);
  });
}

// V8 grows the heap by up to 4x its live size between collections, which suits a long-running server; a check
// run's live documents are a fraction of what it allocates, so its peak memory would be mostly garbage. Growing
// by a quarter keeps a 10,000-document check near 165 MB instead of 250 MB, for about 4% more time. A
// --heap-growing-percent in NODE_OPTIONS or on node's command line wins. Set only on the V8 versions known to have
// the flag (Node 20 to 24), since V8 prints an error line for a flag it does not know.
const v8Major = Number(process.versions.v8.split('.')[0]);
if (v8Major >= 11 && v8Major <= 13 && !/--heap-growing-percent/.test(`${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`)) {
  (await import('node:v8')).setFlagsFromString('--heap-growing-percent=25');
}

let main;
try {
  ({ main } = await import('../dist/cli-bundle/main.js'));
} catch (error) {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist')) {
    process.stderr.write('specguard: not built yet; run `npm run build` (npm ci runs it for you)\n');
    process.exit(2);
  }
  throw error;
}
process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
