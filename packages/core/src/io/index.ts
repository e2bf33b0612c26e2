/** Public API of the io area. */
export { csvDelimiterOption, describeDelimiter, detectCsvDelimiter, parseCsv, parseCsvNumber } from './csv.js';
export type { CsvDelimiter, CsvDialect, CsvRow, CsvTable, ParseCsvOptions } from './csv.js';
export { readGeoJson, parseJson, refuseBinary, validateFeatureCollection, checkLonLat } from './geojson.js';
export { readGeoJsonChunks } from './geojson-stream.js';
export type { ReadGeoJsonChunksOptions } from './geojson-stream.js';
export { readPlaces } from './places.js';
export type { Place, ReadPlacesOptions } from './places.js';
export * from './baseline.js';
export * from './plan-file.js';
export type { CollectionSpec, DeliveryTierSpec, LoadSpec, ProfileSpec, ScenarioSpec, TierVehicleSpec, TiersSpec, TrunkTierSpec } from './plan-tiers.js';
export * from './vrplib.js';
export * from './solomon.js';
export * from './door-to-door-spec.js';
export { readRoads, parseRoads } from './roads.js';
export type { ReadRoadsOptions } from './roads.js';
export { readOsm, readOsmPbf, readOsmXml, sniffRoadFile } from './osm.js';
export type { RoadFileKind } from './osm.js';
