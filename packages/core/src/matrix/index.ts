/** Public API of the matrix area. */
export { ShortestPathSearch, targetTable } from './dijkstra.js';
export type { TargetTable } from './dijkstra.js';
export { HIERARCHY_MIN_ORIGINS, computeMatrix, computeMatrixParallel, findPath, hierarchyFor, hierarchyOnThreads, matrixToCsv, matrixToJson, planMatrix, runMatrixRows, searchFor, sliceEdge } from './matrix.js';
export type { MatrixJson, MatrixMethod, MatrixOptions, MatrixPlan, Metric, ParallelMatrixOptions, PathProperties, TravelMatrix } from './matrix.js';
export { PART_NODES, buildHierarchy, buildHierarchyOffThread, buildHierarchyOnThreads, unpackEdge } from './ch.js';
export type { ContractionHierarchy, HierarchyOptions, ThreadedHierarchyOptions } from './ch.js';
export { bucketRows, fillBuckets } from './ch-query.js';
export type { Buckets, Side as UpwardSide, UpwardSearch } from './ch-query.js';
export { hierarchyPath } from './ch-path.js';
export type { HierarchyPath } from './ch-path.js';
