#!/usr/bin/env node
// The `tinydeploy` command: runs core/cli.ts through tsx, so the CLI and the app share one source tree.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../core/cli.ts');
process.exitCode = await main(process.argv.slice(2));
