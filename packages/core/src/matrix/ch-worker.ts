/**
 * A hierarchy matrix worker thread: the forward searches of every `step`-th origin from `first`,
 * reading the shared hierarchy and buckets and writing into the shared result arrays.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ContractionHierarchy } from './ch.js';
import { bucketRows, type Buckets } from './ch-query.js';

interface WorkerInput {
  ch: ContractionHierarchy;
  buckets: Buckets;
  starts: { size: number; startOffsets: Uint32Array; startNodes: Uint32Array; startCost: Float64Array; startCost2: Float64Array };
  primary: Float64Array;
  secondary: Float64Array;
  first: number;
  step: number;
}

const { ch, buckets, starts, primary, secondary, first, step } = workerData as WorkerInput;
let pending = 0;
bucketRows(ch, buckets, starts, primary, secondary, first, step, () => {
  if (++pending >= 8) {
    parentPort!.postMessage(pending);
    pending = 0;
  }
});
if (pending > 0) parentPort!.postMessage(pending);
