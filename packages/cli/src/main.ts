#!/usr/bin/env node
/**
 * Entry point. The long commands (plan, solve, batch) run on a worker thread so that Ctrl-C and
 * SIGTERM are answered at once (interrupt.ts); everything else runs here. This file loads nothing
 * else of postroute before it knows which.
 */
import { adoptStdio, needsSupervision, runSupervised } from './interrupt.js';

const args = process.argv.slice(2);
if (needsSupervision(args)) {
  process.exitCode = await runSupervised(new URL(import.meta.url), args);
} else {
  adoptStdio();
  await import('./cli.js');
}
