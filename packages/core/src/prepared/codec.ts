/**
 * A road network, its snapping index and its contraction hierarchy as typed-array sections and
 * back. Decoding checks every index before anything uses it: a prepared file is read, never
 * trusted (a wrong index would give a wrong answer or a crash far from the cause).
 */
import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import { InputError } from '../errors.js';
import type { CompiledGraph } from '../graph/compile.js';
import type { SegmentIndex } from '../graph/snap.js';
import type { DroppedReport, NetworkStats, RoadEdge } from '../graph/types.js';
import type { ContractionHierarchy } from '../matrix/ch.js';
import type { SectionArray } from './format.js';

type Sections = Record<string, SectionArray>;

/** The edge tables (kept or dropped) as columns; geometry as one coordinate array with offsets. */
export function encodeEdges(prefix: string, edges: readonly RoadEdge[], classes: Map<string, number>, out: Sections): void {
  const m = edges.length;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const length = new Float64Array(m);
  const duration = new Float64Array(m);
  const speed = new Float64Array(m);
  const oneway = new Uint8Array(m);
  const roadClass = new Uint16Array(m);
  const feature = new Uint32Array(m);
  const coordStart = new Uint32Array(m + 1);
  let vertices = 0;
  for (let e = 0; e < m; e++) { vertices += edges[e]!.coordinates.length; coordStart[e + 1] = vertices; }
  const coords = new Float64Array(vertices * 2);
  edges.forEach((edge, e) => {
    from[e] = edge.from;
    to[e] = edge.to;
    length[e] = edge.length;
    duration[e] = edge.duration;
    speed[e] = edge.speed;
    oneway[e] = edge.oneway ? 1 : 0;
    if (!classes.has(edge.roadClass)) classes.set(edge.roadClass, classes.size);
    roadClass[e] = classes.get(edge.roadClass)!;
    feature[e] = edge.feature;
    let k = coordStart[e]! * 2;
    for (const p of edge.coordinates) { coords[k++] = p[0]!; coords[k++] = p[1]!; }
  });
  Object.assign(out, {
    [`${prefix}.from`]: from, [`${prefix}.to`]: to, [`${prefix}.length`]: length, [`${prefix}.duration`]: duration, [`${prefix}.speed`]: speed,
    [`${prefix}.oneway`]: oneway, [`${prefix}.class`]: roadClass, [`${prefix}.feature`]: feature, [`${prefix}.coordStart`]: coordStart, [`${prefix}.coords`]: coords,
  });
}

export function encodeGraph(csr: CompiledGraph, nodeLon: Float64Array, nodeLat: Float64Array, out: Sections): void {
  Object.assign(out, {
    'node.lon': nodeLon, 'node.lat': nodeLat,
    'csr.offsets': csr.offsets, 'csr.targets': csr.targets, 'csr.arcEdge': csr.arcEdge, 'csr.arcForward': csr.arcForward,
    'csr.arcLength': csr.arcLength, 'csr.arcDuration': csr.arcDuration,
  });
}

export function encodeSegmentIndex(index: SegmentIndex, out: Sections): { kx: number; metricFactor: number } {
  Object.assign(out, { 'snap.index': new Uint8Array(index.index.data), 'snap.segEdge': index.segEdge, 'snap.segVertex': index.segVertex });
  return { kx: index.kx, metricFactor: index.metricFactor };
}

const HIERARCHY_ARRAYS = ['rank', 'core', 'upOffsets', 'upHead', 'upWeight', 'upWeight2', 'upEdge', 'downOffsets', 'downHead', 'downWeight', 'downWeight2', 'downEdge', 'edgeFirst', 'edgeSecond', 'edgeTail', 'edgeHead'] as const;

export function encodeHierarchy(name: string, ch: ContractionHierarchy, out: Sections): { coreSize: number; shortcuts: number } {
  for (const key of HIERARCHY_ARRAYS) out[`${name}.${key}`] = ch[key];
  return { coreSize: ch.coreSize, shortcuts: ch.shortcuts };
}

/** Reads the sections back, checking types, lengths and every index against what it points into. */
export class SectionReader {
  constructor(private readonly sections: Map<string, SectionArray>, private readonly source: string, private readonly fix: string) {}

  fail(what: string): never {
    throw new InputError(`the prepared road network is inconsistent: ${what}`, { source: this.source }, this.fix);
  }

  get<T extends SectionArray>(name: string, type: new (n: number) => T, count?: number): T {
    const array = this.sections.get(name);
    if (!array) this.fail(`section "${name}" is missing`);
    if (!(array instanceof type)) this.fail(`section "${name}" has the wrong element type`);
    if (count !== undefined && array.length !== count) this.fail(`section "${name}" holds ${array.length} values, not ${count}`);
    return array as T;
  }

  /** Every value below `limit` (and, for signed arrays, at least `min`). */
  below(name: string, array: ArrayLike<number>, limit: number, min = 0): void {
    for (let i = 0; i < array.length; i++) {
      const x = array[i]!;
      if (!(x < limit && x >= min)) this.fail(`${name}[${i}] = ${x} is out of bounds (${min} to ${limit - 1})`);
    }
  }

  /** CSR offsets: start at 0, never decrease, end at `total`. */
  offsets(name: string, offsets: Uint32Array, total: number): void {
    if (offsets[0] !== 0 || offsets[offsets.length - 1] !== total) this.fail(`${name} do not span their ${total} entries`);
    for (let i = 1; i < offsets.length; i++) if (offsets[i]! < offsets[i - 1]!) this.fail(`${name} decrease at ${i}`);
  }

  finite(name: string, array: Float64Array, min = 0): void {
    for (let i = 0; i < array.length; i++) {
      const x = array[i]!;
      if (!(x >= min && x < Infinity)) this.fail(`${name}[${i}] = ${x} is not a finite value of at least ${min}`);
    }
  }
}

export function decodeGraph(r: SectionReader, nodes: number, edges: number): { csr: CompiledGraph; nodeLon: Float64Array; nodeLat: Float64Array } {
  const nodeLon = r.get('node.lon', Float64Array, nodes);
  const nodeLat = r.get('node.lat', Float64Array, nodes);
  const offsets = r.get('csr.offsets', Uint32Array, nodes + 1);
  const targets = r.get('csr.targets', Uint32Array);
  const arcCount = targets.length;
  r.offsets('csr.offsets', offsets, arcCount);
  r.below('csr.targets', targets, nodes);
  const arcEdge = r.get('csr.arcEdge', Uint32Array, arcCount);
  r.below('csr.arcEdge', arcEdge, edges);
  const arcForward = r.get('csr.arcForward', Uint8Array, arcCount);
  const arcLength = r.get('csr.arcLength', Float64Array, arcCount);
  const arcDuration = r.get('csr.arcDuration', Float64Array, arcCount);
  r.finite('csr.arcLength', arcLength);
  r.finite('csr.arcDuration', arcDuration);
  return { csr: { nodeCount: nodes, arcCount, offsets, targets, arcEdge, arcForward, arcLength, arcDuration }, nodeLon, nodeLat };
}

/** Edge objects with their geometry; `nodes` bounds from/to (-1 for dropped edges). */
export function decodeEdges(r: SectionReader, prefix: string, classes: readonly string[], nodes: number, dropped: boolean): RoadEdge[] {
  const from = r.get(`${prefix}.from`, Int32Array);
  const m = from.length;
  const to = r.get(`${prefix}.to`, Int32Array, m);
  const length = r.get(`${prefix}.length`, Float64Array, m);
  const duration = r.get(`${prefix}.duration`, Float64Array, m);
  const speed = r.get(`${prefix}.speed`, Float64Array, m);
  const oneway = r.get(`${prefix}.oneway`, Uint8Array, m);
  const roadClass = r.get(`${prefix}.class`, Uint16Array, m);
  const feature = r.get(`${prefix}.feature`, Uint32Array, m);
  const coordStart = r.get(`${prefix}.coordStart`, Uint32Array, m + 1);
  const coords = r.get(`${prefix}.coords`, Float64Array);
  if (dropped) { r.below(`${prefix}.from`, from, 0, -1); r.below(`${prefix}.to`, to, 0, -1); } else { r.below(`${prefix}.from`, from, nodes); r.below(`${prefix}.to`, to, nodes); }
  r.below(`${prefix}.class`, roadClass, classes.length);
  r.offsets(`${prefix}.coordStart`, coordStart, coords.length / 2);
  if (coords.length % 2 !== 0) r.fail(`${prefix}.coords has an odd number of values`);
  const out: RoadEdge[] = new Array(m);
  for (let e = 0; e < m; e++) {
    const begin = coordStart[e]!;
    const end = coordStart[e + 1]!;
    if (end - begin < 2) r.fail(`${prefix} ${e} has fewer than two vertices`);
    const coordinates: Position[] = new Array(end - begin);
    for (let k = begin; k < end; k++) coordinates[k - begin] = [coords[2 * k]!, coords[2 * k + 1]!];
    out[e] = {
      from: from[e]!, to: to[e]!, coordinates, length: length[e]!, duration: duration[e]!, roadClass: classes[roadClass[e]!]!,
      speed: speed[e]!, oneway: oneway[e] === 1, feature: feature[e]!,
    };
  }
  return out;
}

export function decodeSegmentIndex(r: SectionReader, shape: { kx: number; metricFactor: number }, kept: readonly RoadEdge[], dropped: readonly RoadEdge[]): SegmentIndex {
  const data = r.get('snap.index', Uint8Array);
  const segEdge = r.get('snap.segEdge', Int32Array);
  const segVertex = r.get('snap.segVertex', Uint32Array, segEdge.length);
  r.below('snap.segEdge', segEdge, kept.length, -dropped.length);
  for (let s = 0; s < segEdge.length; s++) {
    const code = segEdge[s]!;
    const edge = code >= 0 ? kept[code]! : dropped[-1 - code]!;
    if (segVertex[s]! + 1 >= edge.coordinates.length) r.fail(`snap.segVertex[${s}] lies past the end of its road`);
  }
  // Flatbush reads its own header; its size and item indices are checked here against it.
  let index: Flatbush;
  try {
    index = Flatbush.from(data.buffer as ArrayBuffer, data.byteOffset);
  } catch (error) {
    return r.fail(`the snapping index is damaged (${(error as Error).message})`);
  }
  const items = Math.max(1, segEdge.length);
  const internal = index as unknown as { _indices: Uint16Array | Uint32Array; _boxes: Float64Array; numItems: number; data: ArrayBuffer };
  const indexBytes = 8 + internal._boxes.byteLength + internal._indices.byteLength;
  if (index.numItems !== items || indexBytes !== data.byteLength) r.fail('the snapping index does not match its segments');
  const indices = internal._indices;
  for (let i = 0; i < indices.length; i++) {
    const limit = i < items ? items : internal._boxes.length;
    if (indices[i]! >= limit) r.fail(`the snapping index points outside itself at ${i}`);
  }
  if (!(shape.kx > 0 && shape.kx <= 1 && shape.metricFactor > 0 && shape.metricFactor <= 1)) r.fail('the snapping index has a bad scale');
  return { index, segEdge, segVertex, kx: shape.kx, metricFactor: shape.metricFactor };
}

export function decodeHierarchy(r: SectionReader, name: string, csr: CompiledGraph, facts: { coreSize: number; shortcuts: number }): ContractionHierarchy {
  const n = csr.nodeCount;
  const get = <T extends SectionArray>(key: string, type: new (k: number) => T, count?: number): T => r.get(`${name}.${key}`, type, count);
  const rank = get('rank', Uint32Array, n);
  const core = get('core', Uint8Array, n);
  const edgeFirst = get('edgeFirst', Int32Array);
  const edgeCount = edgeFirst.length;
  const edgeSecond = get('edgeSecond', Int32Array, edgeCount);
  const edgeTail = get('edgeTail', Uint32Array, edgeCount);
  const edgeHead = get('edgeHead', Uint32Array, edgeCount);
  r.below(`${name}.rank`, rank, n);
  r.below(`${name}.edgeTail`, edgeTail, n);
  r.below(`${name}.edgeHead`, edgeHead, n);
  r.below(`${name}.edgeFirst`, edgeFirst, edgeCount, -csr.arcCount);
  r.below(`${name}.edgeSecond`, edgeSecond, edgeCount, -1);
  for (let e = 0; e < edgeCount; e++) if ((edgeFirst[e]! < 0) !== (edgeSecond[e]! < 0)) r.fail(`${name} edge ${e} is half a shortcut`);
  checkAcyclic(r, name, edgeFirst, edgeSecond);
  const side = (dir: 'up' | 'down'): Pick<ContractionHierarchy, 'upOffsets'> & Record<string, SectionArray> => {
    const offsets = get(`${dir}Offsets`, Uint32Array, n + 1);
    const head = get(`${dir}Head`, Uint32Array);
    const m = head.length;
    r.offsets(`${name}.${dir}Offsets`, offsets, m);
    r.below(`${name}.${dir}Head`, head, n);
    const edge = get(`${dir}Edge`, Uint32Array, m);
    r.below(`${name}.${dir}Edge`, edge, edgeCount);
    return { upOffsets: offsets, head, weight: get(`${dir}Weight`, Float64Array, m), weight2: get(`${dir}Weight2`, Float64Array, m), edge };
  };
  const up = side('up');
  const down = side('down');
  let coreSize = 0;
  for (let v = 0; v < n; v++) coreSize += core[v]! ? 1 : 0;
  if (coreSize !== facts.coreSize) r.fail(`${name} core holds ${coreSize} nodes, its header says ${facts.coreSize}`);
  return {
    nodeCount: n, rank, core, coreSize,
    upOffsets: up.upOffsets, upHead: up.head as Uint32Array, upWeight: up.weight as Float64Array, upWeight2: up.weight2 as Float64Array, upEdge: up.edge as Uint32Array,
    downOffsets: down.upOffsets, downHead: down.head as Uint32Array, downWeight: down.weight as Float64Array, downWeight2: down.weight2 as Float64Array, downEdge: down.edge as Uint32Array,
    edgeFirst, edgeSecond, edgeTail, edgeHead, shortcuts: facts.shortcuts, buildMs: 0,
  };
}

/** A shortcut that contains itself would unpack forever: every shortcut must bottom out in road arcs. */
function checkAcyclic(r: SectionReader, name: string, first: Int32Array, second: Int32Array): void {
  const state = new Uint8Array(first.length); // 0 new, 1 open, 2 done
  const stack: number[] = [];
  for (let root = 0; root < first.length; root++) {
    if (state[root] !== 0) continue;
    stack.push(root);
    while (stack.length > 0) {
      const e = stack[stack.length - 1]!;
      if (state[e] === 0) {
        state[e] = 1;
        if (first[e]! >= 0) {
          for (const child of [first[e]!, second[e]!]) {
            if (state[child] === 1) r.fail(`${name} shortcut ${e} contains itself`);
            if (state[child] === 0) stack.push(child);
          }
        }
      } else {
        stack.pop();
        state[e] = 2;
      }
    }
  }
}

export type { DroppedReport, NetworkStats };
