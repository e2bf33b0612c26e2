/**
 * Exhaustive optimum for tiny periodic problems: every combination of one allowed day set per
 * stop (written out by the checker's `allowedDaySets`), each day solved to optimality by the daily
 * brute force with that day's fleet and demands per visit. Nothing comes from the solver.
 */
import { bruteForce } from './brute-force.js';
import { allowedDaySets, type CheckPeriodicProblem, type CheckProblem } from './check-solution.js';

export interface PeriodicBruteForceResult { cost: number; daySets: number[][] }

export function bruteForcePeriodic(problem: CheckPeriodicProblem): PeriodicBruteForceResult {
  const horizon = problem.horizon ?? 1;
  const options = problem.stops.map((s) => allowedDaySets(problem, s));
  const memo = new Map<string, number>();
  const dayCost = (day: number, chosen: number[][]): number => {
    const stops: CheckProblem['stops'] = [];
    problem.stops.forEach((s, k) => {
      const days = chosen[k]!;
      if (!days.includes(day)) return;
      const at = days.indexOf(day);
      const gap = !problem.accumulate ? 1 : at > 0 ? day - days[at - 1]! : day + horizon - days[days.length - 1]!;
      const { visits: _v, patterns: _p, days: _d, minGap: _g, ...rest } = s;
      stops.push({ ...rest, ...(s.delivery ? { delivery: s.delivery.map((x) => x * gap) } : {}) });
    });
    const key = `${day}|${stops.map((s) => `${s.id}:${s.delivery?.join('/')}`).join(',')}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let cost = 0;
    if (stops.length > 0) {
      const dayProblem: CheckProblem = {
        ...problem,
        stops,
        vehicleTypes: problem.vehicleTypes.map((t) => {
          const { countPerDay, ...rest } = t;
          return { ...rest, count: countPerDay ? countPerDay[day - 1]! : t.count ?? 1 };
        }),
      };
      cost = bruteForce(dayProblem).cost;
    }
    memo.set(key, cost);
    return cost;
  };
  let best: PeriodicBruteForceResult = { cost: Infinity, daySets: [] };
  const chosen: number[][] = [];
  const walk = (k: number): void => {
    if (k === options.length) {
      let cost = 0;
      for (let day = 1; day <= horizon && cost < best.cost; day++) cost += dayCost(day, chosen);
      if (cost < best.cost) best = { cost, daySets: chosen.map((c) => c.slice()) };
      return;
    }
    for (const set of options[k]!) {
      chosen.push(set);
      walk(k + 1);
      chosen.pop();
    }
  };
  walk(0);
  return best;
}
