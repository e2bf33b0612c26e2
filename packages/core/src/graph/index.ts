/** Public API of the graph area. */
export { buildNetwork } from './build.js';
export type { BuildNetworkOptions } from './build.js';
export { compileGraph } from './compile.js';
export type { CompiledGraph, CompileOptions } from './compile.js';
export { EARTH_RADIUS, haversine, polylineLength } from './geodesy.js';
export { networkToGeoJson } from './geojson.js';
export type { NetworkEdgeProperties } from './geojson.js';
export { defaultProfile, parseMaxspeed, parseOneway, resolveRoad, validateProfile } from './profile.js';
export type { RoadExclusion, RoadProfile, RoadRule, SpeedCap } from './profile.js';
export { droppedPieceOf, snapPlaces } from './snap.js';
export type { DroppedPieceAround, RejectedPlace, Snap, SnapOptions, SnapResult } from './snap.js';
export type { DroppedPiece, DroppedReport, NetworkStats, RoadEdge, RoadNetwork } from './types.js';
