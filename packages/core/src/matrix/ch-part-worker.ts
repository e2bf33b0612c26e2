/**
 * The hierarchy build's worker (ch.ts). As a part worker (`buildHierarchyOnThreads`) it is sent
 * parts once it has started, contracts them on their own subgraphs and posts back what each did.
 * As the build worker (`buildHierarchyOffThread`) it builds the whole hierarchy, its parts on
 * part workers it starts from this same file, and posts progress and then the hierarchy.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildHierarchyOnThreads, type BuildMessage, type WorkerInput } from './ch.js';
import { contractPart, type PartInput } from './ch-partition.js';

const input = workerData as WorkerInput;
if (input.role === 'parts') {
  parentPort!.once('message', (parts: PartInput[]) => {
    const results = parts.map((part) => contractPart(part, input.settings));
    parentPort!.postMessage(results, results.flatMap((r) => [r.order.buffer, r.tail.buffer, r.head.buffer, r.weight.buffer, r.weight2.buffer, r.first.buffer, r.second.buffer, r.hops.buffer] as ArrayBuffer[]));
  });
} else {
  const ch = await buildHierarchyOnThreads(input.csr, input.weight, input.weight2, {
    ...input.options,
    workerUrl: new URL(import.meta.url),
    onProgress: (progress) => parentPort!.postMessage({ progress } satisfies BuildMessage),
  });
  // The up and down arrays lie in shared memory already (toCsr); the others are handed over.
  const handed = [ch.rank, ch.core, ch.edgeFirst, ch.edgeSecond, ch.edgeTail, ch.edgeHead].map((a) => a.buffer as ArrayBuffer);
  parentPort!.postMessage({ hierarchy: ch } satisfies BuildMessage, handed);
}
