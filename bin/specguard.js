#!/usr/bin/env node
// The specguard command. All logic lives in dist/ (built from src/ by `npm run build`).
let main;
try {
  ({ main } = await import('../dist/cli/main.js'));
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
