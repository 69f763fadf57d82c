#!/usr/bin/env node
// The `tinydeploy` command: runs core/cli/main.ts through tsx, so the CLI and the app share one source tree.
import { register } from 'tsx/esm/api';

register();
const { main, reportCliError } = await import('../core/cli/main.ts');
// An error escaping a command's promise (an emitter's 'error', a stray rejection) gets the same two lines, exit 2.
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (err) => { process.exitCode = reportCliError(err); process.exit(); });
}
process.exitCode = await main(process.argv.slice(2));
