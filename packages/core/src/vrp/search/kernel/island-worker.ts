/**
 * A worker thread of the island pool (island-pool.ts): waits on its port for an island's job
 * (islands.ts), runs the engine named by the job on its copy of the problem, takes part in the
 * exchanges through its link, posts what it found on the same port, and waits for the next job.
 * On an error it stops every island of that search and posts the error, so that no island waits
 * for it. Nothing of a job outlives it here but the compiled code.
 */
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { searchCarp } from '../../../carp/search.js';
import type { CarpProblem, CarpSolveOptions } from '../../../carp/index.js';
import type { ProblemData } from '../../model.js';
import type { PeriodicProblemData } from '../../periodic/model.js';
import { searchPeriodic } from '../../periodic/solve.js';
import type { PeriodicSolveOptions } from '../../periodic/solve.js';
import { searchDaily } from '../../solve.js';
import type { SolveOptions } from '../../solve.js';
import type { IslandJob, IslandLinkInit, IslandOutcome } from './islands.js';
import { IslandLink } from './islands.js';

const { port } = workerData as { port: MessagePort };

function run(job: IslandJob, init: IslandLinkInit): void {
  const link = new IslandLink<unknown>(init);
  try {
    let outcome: IslandOutcome<unknown>;
    if (job.kind === 'daily') outcome = searchDaily(job.problem as ProblemData, job.options as SolveOptions, link as IslandLink<number[][]>).outcome;
    else if (job.kind === 'periodic') outcome = searchPeriodic(job.problem as PeriodicProblemData, job.options as PeriodicSolveOptions, link as never);
    else outcome = searchCarp(job.problem as CarpProblem, job.options as CarpSolveOptions, link as IslandLink<number[][]>);
    port.postMessage({ outcome });
  } catch (error) {
    link.abortAll();
    const e = error instanceof Error ? error : new Error(String(error));
    port.postMessage({ error: { message: e.message, stack: e.stack } });
  } finally {
    link.close();
    // Island 0 waits on the abort slot for outcomes.
    Atomics.notify(new Int32Array(init.shared), 0);
  }
}

port.on('message', ({ job, link }: { job: IslandJob; link: IslandLinkInit }) => run(job, link));
