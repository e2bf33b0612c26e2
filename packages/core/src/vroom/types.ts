/**
 * VROOM's input as postroute reads it (only the keys it honours), and what the writer needs
 * besides a solution to answer in VROOM's terms (read.ts fills it, translate.ts maps it).
 */
import type { ProblemInput } from '../vrp/input.js';

/** One of VROOM's jobs, as read (only the keys postroute honours). */
export interface VroomJob {
  id: number;
  description?: string;
  location_index: number;
  setup?: number;
  service?: number;
  delivery?: number[];
  pickup?: number[];
  skills?: number[];
  priority?: number;
  time_windows?: [number, number][];
}

/** A job, or one half of a shipment, as the writer answers for it. */
export interface VroomStopTask extends VroomJob {
  type: 'job' | 'pickup' | 'delivery';
}

/** One of VROOM's shipments, as read. */
export interface VroomShipment {
  amount?: number[];
  skills?: number[];
  priority?: number;
  pickup: VroomJob;
  delivery: VroomJob;
}

/** The model's stop id of a task: a job's id, or `pickup <id>` / `delivery <id>` for a shipment's halves. */
export function taskStopId(type: VroomStopTask['type'], id: number): string {
  return type === 'job' ? String(id) : `${type} ${id}`;
}

/** One step of a vehicle's given route (plan mode). */
export interface VroomStep {
  type: 'start' | 'job' | 'end' | 'break' | 'pickup' | 'delivery';
  id?: number;
  service_at?: number;
  service_after?: number;
  service_before?: number;
}

/** One of VROOM's vehicles, as read. */
export interface VroomVehicle {
  id: number;
  profile?: string;
  description?: string;
  start_index?: number;
  end_index?: number;
  capacity?: number[];
  costs?: { fixed?: number; per_hour?: number; per_km?: number };
  skills?: number[];
  time_window?: [number, number];
  speed_factor?: number;
  max_tasks?: number;
  max_distance?: number;
  max_travel_time?: number;
  breaks?: VroomBreak[];
  steps?: VroomStep[];
}

/** One of a vehicle's breaks, as read. */
export interface VroomBreak {
  id: number;
  time_windows?: [number, number][];
  service?: number;
  description?: string;
  max_load?: number[];
}

/** One profile's matrices, row by row. */
export interface VroomMatrices {
  durations?: number[][];
  distances?: number[][];
  costs?: number[][];
}

/** VROOM's input, as read and checked. */
export interface VroomInput {
  jobs?: VroomJob[];
  shipments?: VroomShipment[];
  vehicles: VroomVehicle[];
  matrices: Record<string, VroomMatrices>;
}

/** What the writer needs besides the solution: the input, read and checked, and the mapping. */
export interface VroomRead {
  problem: ProblemInput;
  input: VroomInput;
  /** Load dimensions that are the input's own (a max_tasks dimension comes after them). */
  amountDims: number;
  /** Per vehicle: its travel-time and distance matrices (speed factor applied), row-major. */
  travel: { durations: number[]; distances: number[] | null; size: number }[];
  /** Jobs, then each shipment's pick-up and delivery: what each stop of the model stands for. */
  tasks: VroomStopTask[];
  /** Task index by stop id, vehicle index by vehicle type id. */
  taskByStop: Map<string, number>;
  vehicleByType: Map<string, number>;
}
