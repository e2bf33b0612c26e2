/**
 * The periodic population, managed as the daily one (search/population.ts, HGS-CVRP): feasible and
 * infeasible subpopulations ranked by biased fitness (cost rank plus diversity rank), culled to
 * `minSize` by removing clones first and then the worst biased fitness. Diversity is the periodic
 * distance (patterns, then neighbours per day).
 */
import type { Random } from '../../util/random.js';
import type { Penalties } from '../evaluate.js';
import { DEFAULT_POPULATION } from '../search/population.js';
import type { PopulationParams } from '../search/population.js';
import type { PeriodicIndividual } from './individual.js';
import { periodicDistance, repenalisePeriodic } from './individual.js';

export class PeriodicPopulation {
  readonly feasible: PeriodicIndividual[] = [];
  readonly infeasible: PeriodicIndividual[] = [];
  private readonly params: PopulationParams;

  constructor(params: PopulationParams = DEFAULT_POPULATION) {
    this.params = params;
  }

  get size(): number {
    return this.feasible.length + this.infeasible.length;
  }

  add(ind: PeriodicIndividual): void {
    const sub = ind.feasible ? this.feasible : this.infeasible;
    for (const other of sub) {
      const d = periodicDistance(ind, other);
      insertClosest(other, ind, d);
      insertClosest(ind, other, d);
    }
    let at = sub.length;
    while (at > 0 && sub[at - 1]!.penalisedCost > ind.penalisedCost) at--;
    sub.splice(at, 0, ind);
    if (sub.length > this.params.minSize + this.params.generationSize) {
      while (sub.length > this.params.minSize) this.removeWorst(sub);
    }
  }

  private updateBiasedFitness(sub: PeriodicIndividual[]): void {
    const size = sub.length;
    if (size === 0) return;
    if (size === 1) {
      sub[0]!.biasedFitness = 0;
      return;
    }
    const k = this.params.nbClose;
    const diversity = (ind: PeriodicIndividual): number => {
      const m = Math.min(k, ind.closest.length);
      let sum = 0;
      for (let i = 0; i < m; i++) sum += ind.closest[i]!.distance;
      return m === 0 ? 0 : sum / m;
    };
    const ranking = sub.map((ind, i) => ({ div: -diversity(ind), i }));
    ranking.sort((a, b) => a.div - b.div || a.i - b.i);
    for (let r = 0; r < size; r++) {
      const divRank = r / (size - 1);
      const fitRank = ranking[r]!.i / (size - 1);
      const ind = sub[ranking[r]!.i]!;
      ind.biasedFitness = size <= this.params.nbElite ? fitRank : fitRank + (1 - this.params.nbElite / size) * divRank;
    }
  }

  private removeWorst(sub: PeriodicIndividual[]): void {
    this.updateBiasedFitness(sub);
    let worst = -1;
    let worstClone = false;
    let worstFitness = -1;
    for (let i = 1; i < sub.length; i++) {
      const ind = sub[i]!;
      const clone = ind.closest.length > 0 && ind.closest[0]!.distance < 1e-9;
      if ((clone && !worstClone) || (clone === worstClone && ind.biasedFitness > worstFitness)) {
        worst = i;
        worstClone = clone;
        worstFitness = ind.biasedFitness;
      }
    }
    if (worst < 0) return;
    const [removed] = sub.splice(worst, 1);
    for (const other of sub) {
      const k = other.closest.findIndex((c) => c.other === removed);
      if (k >= 0) other.closest.splice(k, 1);
    }
  }

  /** Binary tournament on biased fitness over both subpopulations. */
  select(rng: Random): PeriodicIndividual {
    this.updateBiasedFitness(this.feasible);
    this.updateBiasedFitness(this.infeasible);
    const total = this.size;
    const pick = (): PeriodicIndividual => {
      const k = rng.int(total);
      return k < this.feasible.length ? this.feasible[k]! : this.infeasible[k - this.feasible.length]!;
    };
    const a = pick();
    const b = pick();
    return a.biasedFitness < b.biasedFitness ? a : b;
  }

  repenalise(p: Penalties): void {
    for (const ind of this.infeasible) repenalisePeriodic(ind, p);
    this.infeasible.sort((a, b) => a.penalisedCost - b.penalisedCost);
  }

  clear(): void {
    this.feasible.length = 0;
    this.infeasible.length = 0;
  }
}

function insertClosest(ind: PeriodicIndividual, other: PeriodicIndividual, distance: number): void {
  const list = ind.closest;
  let at = list.length;
  while (at > 0 && list[at - 1]!.distance > distance) at--;
  list.splice(at, 0, { other, distance });
}
