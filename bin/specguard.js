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
