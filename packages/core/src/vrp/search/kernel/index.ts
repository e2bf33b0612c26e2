/**
 * The public interface of the genetic search kernel: what the daily (`../hgs.ts`), periodic
 * (`../../periodic/search.ts`) and arc-routing (`../../../carp/search.ts`) engines build on. An
 * engine outside `vrp/search` imports from here only, never from the files behind it.
 */
export { runGenetic, outcomeOf, adaptPenalty, IMPROVEMENT, PENALTY_FLOOR, PENALTY_CEILING } from './genetic.js';
export type { GeneticEngine, GeneticMember, GeneticOptions, GeneticParams, GeneticProgressEvent, GeneticResult } from './genetic.js';
export { stopRule, DEFAULT_STALL } from './stopping.js';
export { runIslands, searchOnThreads, IslandLink, islandSeed, islandTimeLimit, EXCHANGE_EVERY, MAX_THREADS, SMALL_SEARCH } from './islands.js';
export { liveIslandWorkers, openSearchThreads, islandPoolStats, withSearchThreads } from './island-pool.js';
export type { SearchThreads } from './island-pool.js';
export type { IslandJob, IslandKind, IslandLinkInit, IslandOutcome, IslandRunOptions } from './islands.js';
export type { LimitRule, StopLimits } from './stopping.js';
export type { SearchState, StopRule } from '../../stop.js';
export type { Penalties } from '../../evaluate.js';
export { EPSILON, FEASIBILITY_TOLERANCE, withinTolerance } from '../../evaluate.js';
// Giant-tour individuals, their population and crossover: shared by the daily and arc engines.
export { GenericPopulation, Population, DEFAULT_POPULATION } from '../population.js';
export type { Member, MemberRules, PopulationParams } from '../population.js';
export type { Individual } from '../individual.js';
export { orderCrossover } from '../crossover.js';
// What an engine builds its own steps from (the periodic engine's workspace, crossover, pattern
// moves and final repair): the daily search's parameters and starting penalties, Split, the daily
// local search and its granular neighbour lists, pricing a day's routes, and the repair of a plan.
export { DEFAULT_HGS, initialPenalties } from '../hgs.js';
export type { HgsParams } from '../hgs.js';
export { Split } from '../split.js';
export { LocalSearch, shuffle } from '../local-search.js';
export { nearestNeighbours } from '../neighbours.js';
export { makeIndividual } from '../individual.js';
export { repairRoutes } from '../repair.js';
