/**
 * The body of one pool worker thread: runs a county job and reports its progress through the
 * message port it was handed. Loaded by piscina from the compiled dist/ (see pool.ts).
 */
import type { MessagePort } from 'node:worker_threads';
import { runCountyJob, type CountyJob, type CountyOutcome } from './job.js';

export interface ThreadTask {
  job: CountyJob;
  generatedBy?: string;
  /** Progress events of the plan's steps go here; optional. */
  port?: MessagePort;
}

export default async function runInThread(task: ThreadTask): Promise<CountyOutcome> {
  const { port } = task;
  // Tells the caller the job left the pool's queue and runs now.
  port?.postMessage({ step: 'start' });
  try {
    return await runCountyJob(task.job, {
      ...(task.generatedBy ? { generatedBy: task.generatedBy } : {}),
      ...(port ? { onProgress: (event) => port.postMessage(event) } : {}),
    });
  } finally {
    port?.close();
  }
}
