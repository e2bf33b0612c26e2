/**
 * A hierarchy build's part worker (ch.ts, `buildHierarchyOnThreads`): contracts the parts it is
 * given on their own subgraphs and posts back what each did.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ContractionSettings } from './ch-contract.js';
import { contractPart, type PartInput } from './ch-partition.js';

const { parts, settings } = workerData as { parts: PartInput[]; settings: ContractionSettings };
const results = parts.map((part) => contractPart(part, settings));
parentPort!.postMessage(results, results.flatMap((r) => [r.order.buffer, r.tail.buffer, r.head.buffer, r.weight.buffer, r.weight2.buffer, r.first.buffer, r.second.buffer, r.hops.buffer] as ArrayBuffer[]));
