/** The planner's inputs, options and result, shared by the one-tier and two-tier planners. */
import type { Snap } from '../graph/snap.js';
import type { RoadNetwork } from '../graph/types.js';
import type { BaselineLine, BaselineRoute } from '../io/baseline.js';
import type { Place } from '../io/places.js';
import type { PlanSpec } from './file/plan-file.js';
import type { RoadsInput } from '../prepared/prepare.js';
import type { PlanReport } from '../report/types.js';
import type { ProgressCallback } from '../util/progress.js';
import type { SolutionResult } from '../vrp/index.js';

/** Everything a plan needs, already read from files (the CLI reads them; core does no I/O). */
export interface PlanInputs {
  spec: PlanSpec;
  /** Raw roads, or a prepared network (`postroute prepare`) built with the plan's profile. */
  roads: RoadsInput;
  places: Place[];
  /** Today's routes as stop lists, or as drawn lines whose stops are matched by proximity. */
  baseline?: { routes: BaselineRoute[] } | { lines: BaselineLine[] };
  /** File names for error messages. */
  sources?: { roads?: string; places?: string; baseline?: string; plan?: string };
}

/** Options of `planNetwork`: overrides of the plan file, the scenario to run, progress. */
export interface PlanOptions {
  /** Overrides the plan file's `seed`. */
  seed?: number;
  /** Overrides the plan file's `timeLimitS`, seconds for the route search. */
  timeLimit?: number;
  /** The search also stops after this many iterations without a better plan (default 2000); a run
   *  that stops this way, before the time limit, is repeatable for the same seed. */
  maxIterationsWithoutImprovement?: number;
  /**
   * Worker threads for each route search (default 1): islands of the genetic search that trade
   * their best plans; the same files for a seed and a thread count when the searches stop on
   * iterations (`postroute plan --threads`, default the machine's cores).
   */
  threads?: number;
  /** Run only the scenario of this name beside the base case (default: every scenario). */
  scenario?: string;
  /** Overrides plan.json's `measure.parts`: plan the base case again without its second tier and
   *  without door to door from the offices, for what each part saves (plan/part-savings.ts). */
  measureParts?: boolean;
  onProgress?: ProgressCallback;
  /** The caller will write report.html (`postroute plan` does): encode the map's roads on a worker
   *  thread once the graph is built, while the planner works on, where that pays: with more than
   *  two cores (`availableParallelism()`). On two, the worker (its copy of the county's roads and
   *  its collector: 1.5 s more CPU in all) slowed the hierarchy build beside it by more than the
   *  0.9 s it took off the report: the county case 0.2 s slower end to end, median of 3 on a quiet
   *  machine (benchmarks/scale/README.md). A prepared file's map roads are taken as they
   *  are in any case. `planReportFiles` then finds them encoded. */
  encodeMapAhead?: boolean;
  /**
   * Take the parsed roads out of `inputs` (`inputs.roads` is undefined afterwards) as soon as the
   * road graphs are built, when no later step reads them (every plan but door to door, which picks
   * streets by the roads' names): on a county the parsed GeoJSON is millions of objects that the
   * garbage collector would otherwise mark again through the whole route search. They are only
   * freed if the caller keeps no other reference to them (`postroute plan` keeps none).
   */
  releaseRoads?: boolean;
  /** Name of the tool for the report footer; default "postroute". */
  generatedBy?: string;
  /** Plan without places whose mail no vehicle can carry, listing them as unassigned; by default
   *  such a place is bad input (an `InputError` before any work), as in `solve` and `cover`. */
  allowUnassigned?: boolean;
}

/** The result of `planNetwork`: the report, the solver results and the network they ran on. */
export interface PlanResult {
  report: PlanReport;
  /** The raw solver results, for callers who want the full detail (one-tier plans; for two-tier
   *  plans the delivery tier's). */
  solution: SolutionResult;
  baselineSolution: SolutionResult | null;
  network: RoadNetwork;
  snaps: Snap[];
  /** Each scenario's own result, in plan.json order (empty without scenarios). */
  scenarios: { name: string; report: PlanReport }[];
}

/** Resolved file names for error messages. */
export interface PlanSources {
  roads: string;
  places: string;
  baseline: string;
  plan: string;
}
