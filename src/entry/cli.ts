// Entry of the `mesh-perf` bin (dist/cli.js).
import { runCli } from '../cli/program.js';

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  entryUrl: import.meta.url,
});
process.exitCode = code;
