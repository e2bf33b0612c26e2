/** Public API of prepared road networks. */
export { decodePrepared, encodePrepared, isPreparedBytes, isPreparedRoads, networkFromRoads, prepareRoads } from './prepare.js';
export type { PreparedBuild, PreparedRoads, PrepareRoadsOptions, RoadsInput } from './prepare.js';
export { parseRoadsInput, readRoadsInput } from './read.js';
export { PREPARED_FORMAT_VERSION } from './format.js';
