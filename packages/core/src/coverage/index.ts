/** Public API of the coverage area: set covering, maximal covering, p-median and p-center. */
export type {
  CoverageMatrix,
  CoverageModel,
  CoverageMethod,
  CoverageOptions,
  CoverageResult,
  CoverageStatus,
  DemandAssignment,
  UncoveredDemand,
  UncoveredReason,
  MipBackend,
} from './model.js';
export { solveCoverage, type SolveCoverageOptions } from './solve.js';
export { solveSetCovering, type SetCoveringOptions } from './lscp.js';
export { solveMaximalCovering, type MaximalCoveringOptions } from './mclp.js';
export { solvePMedian, type PMedianOptions } from './pmedian.js';
export { solvePCenter, type PCenterOptions } from './pcenter.js';
export { readCoverageMatrixCsv, readIdList, readWeightsCsv } from './csv.js';
export type { CoverageCsvOptions } from './csv.js';
export { coverageSites, placeNumbers, roadCoverageMatrix, type RoadCoverageMatrix, type RoadCoverageMatrixOptions } from './roads.js';
