/** Public API of the batch area: a province of county plans, on a thread pool or a Redis queue. */
export { parseProvinceFile, provinceError, countySlug } from './province-file.js';
export type { CountySpec, ProvinceSpec } from './province-file.js';
export { runCountyJob, readCountyInputs, readJobRoads, jobError } from './job.js';
export { prepareProvince } from './prepare.js';
export { provinceTable } from './province-text.js';
export { countyFolderFiles, storedCountyOutcome } from './job-record.js';
export type { PreparedCounty, ProvinceReader } from './prepare.js';
export type { CountyJob, CountyOutcome, CountyDone, CountyFailed, CountyOverview, JobError, JobFile } from './job.js';
export { countyJobKey, contentHash, canonicalJson, engineVersion, RESULT_FORMAT } from './key.js';
export { cutRoads, findBoundary } from './cut.js';
export { mergeProvince, provinceCsv, overviews } from './merge.js';
export type { CountyEntry, ProvinceCountyRow, ProvinceSummary, ProvinceTiming, ProvinceTotals } from './merge.js';
export { renderProvinceHtml } from './province-html.js';
export { createCountyPool, runOnPool } from './pool.js';
export type { BatchEvent, CountyPool } from './pool.js';
export { runOnQueue, startQueueWorker, connectRedis, checkRedisUrl, QUEUE_NAME, QUEUE_SETTINGS } from './queue.js';
export type { FileRef, QueueRunOptions, QueueWorker, QueueWorkerOptions, QueuedCounty } from './queue.js';
