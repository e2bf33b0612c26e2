/** Public API of the matrix area. */
export { ShortestPathSearch, targetTable } from './dijkstra.js';
export type { TargetTable } from './dijkstra.js';
export { computeMatrix, computeMatrixParallel, findPath, matrixToCsv, matrixToJson, planMatrix, runMatrixRows, searchFor, sliceEdge } from './matrix.js';
export type { MatrixJson, MatrixOptions, MatrixPlan, Metric, ParallelMatrixOptions, PathProperties, TravelMatrix } from './matrix.js';
