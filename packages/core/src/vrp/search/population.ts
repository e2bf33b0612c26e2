/**
 * The HGS population (Vidal et al. 2012; HGS-CVRP): a feasible and an infeasible subpopulation,
 * each ranked by a biased fitness that mixes cost rank and diversity rank (average broken-pairs
 * distance to the closest individuals), culled to `minSize` when it exceeds `minSize +
 * generationSize` by removing clones first, then the worst biased fitness.
 */
import type { Random } from '../../util/random.js';
import type { Penalties } from '../evaluate.js';
import type { Individual } from './individual.js';
import { brokenPairsDistance, repenalise } from './individual.js';

/** What the population needs of its members: the daily, periodic and arc-routing individuals. */
export interface Member<T> {
  penalisedCost: number;
  feasible: boolean;
  biasedFitness: number;
  closest: { other: T; distance: number }[];
}

/** How a kind of individual is compared and re-priced; the ranking and culling are shared. */
export interface MemberRules<T> {
  distance(a: T, b: T): number;
  repenalise(ind: T, penalties: Penalties): void;
}

export interface PopulationParams {
  minSize: number;
  generationSize: number;
  nbElite: number;
  nbClose: number;
}

export const DEFAULT_POPULATION: PopulationParams = { minSize: 25, generationSize: 40, nbElite: 4, nbClose: 5 };

/** The population of any kind of individual, ranked and culled as HGS-CVRP does. */
export class GenericPopulation<T extends Member<T>> {
  readonly feasible: T[] = [];
  readonly infeasible: T[] = [];
  private readonly params: PopulationParams;
  private readonly rules: MemberRules<T>;

  constructor(rules: MemberRules<T>, params: PopulationParams = DEFAULT_POPULATION) {
    this.rules = rules;
    this.params = params;
  }

  get size(): number {
    return this.feasible.length + this.infeasible.length;
  }

  /**
   * Whether each subpopulation's biased fitness is current: `select` ranks both subpopulations
   * twice per generation (HGS-CVRP too), but only adding, removing or re-pricing changes them.
   */
  private fitFeasible = false;
  private fitInfeasible = false;

  add(ind: T): void {
    const sub = ind.feasible ? this.feasible : this.infeasible;
    if (ind.feasible) this.fitFeasible = false;
    else this.fitInfeasible = false;
    for (const other of sub) {
      const d = this.rules.distance(ind, other);
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

  private averageDistanceToClosest(ind: T): number {
    const k = Math.min(this.params.nbClose, ind.closest.length);
    if (k === 0) return 0;
    let sum = 0;
    for (let i = 0; i < k; i++) sum += ind.closest[i]!.distance;
    return sum / k;
  }

  updateBiasedFitness(sub: T[]): void {
    const size = sub.length;
    if (size === 0) return;
    if (size === 1) {
      sub[0]!.biasedFitness = 0;
      return;
    }
    const ranking = sub.map((ind, i) => ({ div: -this.averageDistanceToClosest(ind), i }));
    ranking.sort((a, b) => a.div - b.div || a.i - b.i);
    for (let r = 0; r < size; r++) {
      const divRank = r / (size - 1);
      const fitRank = ranking[r]!.i / (size - 1);
      const ind = sub[ranking[r]!.i]!;
      ind.biasedFitness = size <= this.params.nbElite ? fitRank : fitRank + (1 - this.params.nbElite / size) * divRank;
    }
  }

  private removeWorst(sub: T[]): void {
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
      const list = other.closest;
      for (let k = 0; k < list.length; k++) {
        if (list[k]!.other === removed) {
          list.splice(k, 1);
          break;
        }
      }
    }
  }

  /** Binary tournament on biased fitness over both subpopulations. */
  select(rng: Random): T {
    if (!this.fitFeasible) this.updateBiasedFitness(this.feasible);
    if (!this.fitInfeasible) this.updateBiasedFitness(this.infeasible);
    this.fitFeasible = true;
    this.fitInfeasible = true;
    const total = this.size;
    const pick = (): T => {
      const k = rng.int(total);
      return k < this.feasible.length ? this.feasible[k]! : this.infeasible[k - this.feasible.length]!;
    };
    const a = pick();
    const b = pick();
    return a.biasedFitness < b.biasedFitness ? a : b;
  }

  /** After a penalty change: infeasible individuals' penalised costs and order change. */
  repenalise(p: Penalties): void {
    for (const ind of this.infeasible) this.rules.repenalise(ind, p);
    this.infeasible.sort((a, b) => a.penalisedCost - b.penalisedCost);
    this.fitInfeasible = false;
  }

  clear(): void {
    this.fitFeasible = false;
    this.fitInfeasible = false;
    this.feasible.length = 0;
    this.infeasible.length = 0;
  }
}

function insertClosest<T>(ind: Member<T>, other: T, distance: number): void {
  const list = ind.closest;
  // After the last entry not farther than `distance` (as a scan from the end would put it).
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.distance > distance) hi = mid;
    else lo = mid + 1;
  }
  list.splice(lo, 0, { other, distance });
}

/** The daily engine's population: broken-pairs distance over the active stops. */
export class Population extends GenericPopulation<Individual> {
  constructor(active: Uint8Array, params: PopulationParams = DEFAULT_POPULATION) {
    super({ distance: (a, b) => brokenPairsDistance(a, b, active), repenalise }, params);
  }
}
