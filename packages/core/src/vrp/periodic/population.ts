/**
 * The periodic population: the daily engine's ranking and culling (search/population.ts, after
 * HGS-CVRP), with the periodic distance (patterns, then neighbours per day) as its diversity.
 */
import { DEFAULT_POPULATION, GenericPopulation } from '../search/kernel/index.js';
import type { PopulationParams } from '../search/kernel/index.js';
import type { PeriodicIndividual } from './individual.js';
import { periodicDistance, repenalisePeriodic } from './individual.js';

export class PeriodicPopulation extends GenericPopulation<PeriodicIndividual> {
  constructor(params: PopulationParams = DEFAULT_POPULATION) {
    super({ distance: periodicDistance, repenalise: repenalisePeriodic }, params);
  }
}
