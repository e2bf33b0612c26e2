/** Every CLI command, one module each. */
import type { CommandModule } from 'yargs';
import batch from './batch.js';
import cover from './cover.js';
import graph from './graph.js';
import matrix from './matrix.js';
import plan from './plan.js';
import prepare from './prepare.js';
import serve from './serve.js';
import solve from './solve.js';
import worker from './worker.js';

// Each command module default-exports a yargs CommandModule; add new ones here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [plan, prepare, graph, matrix, cover, solve, serve, batch, worker];
