#!/usr/bin/env node
// Runs the CLI from its TypeScript source through tsx, so `npx imei-kiosk` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
