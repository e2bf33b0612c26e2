/** Public API of the matrix area. */
export { ShortestPathSearch, targetTable } from './dijkstra.js';
export type { TargetTable } from './dijkstra.js';
export { computeMatrix, findPath, matrixToCsv, matrixToJson, sliceEdge } from './matrix.js';
export type { MatrixJson, MatrixOptions, Metric, PathProperties, TravelMatrix } from './matrix.js';
