/**
 * A matrix worker thread: runs every `step`-th row from `first` on the shared CSR graph and
 * writes into the shared result arrays. Posts the number of rows done as it goes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CompiledGraph } from '../graph/compile.js';
import { runMatrixRows, searchFor, type MatrixPlan } from './matrix.js';

interface WorkerInput {
  csr: CompiledGraph;
  plan: MatrixPlan;
  primary: Float64Array;
  secondary: Float64Array;
  first: number;
  step: number;
}

const { csr, plan, primary, secondary, first, step } = workerData as WorkerInput;
const search = searchFor({ csr }, plan.metric);
search.trackParents = false;
let pending = 0;
runMatrixRows(search, plan, primary, secondary, first, step, () => {
  if (++pending >= 8) {
    parentPort!.postMessage(pending);
    pending = 0;
  }
});
if (pending > 0) parentPort!.postMessage(pending);
