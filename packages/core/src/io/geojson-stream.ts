/**
 * A FeatureCollection read from chunks of text (a file read piece by piece), one feature at a
 * time: the whole text is never held, only the current chunk and the feature being read, so a
 * 100 MB roads file costs its parsed features and no 100 MB string beside them. The features of
 * a piece are parsed by one JSON.parse and checked by the same rules as `readGeoJson`; when that
 * fails, the piece is read feature by feature, with errors that name the feature and its line.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { InputError } from '../errors.js';
import type { ProgressCallback } from '../util/progress.js';
import { parseJson, validateFeatureCollection } from './geojson.js';

/** Options of `readGeoJsonChunks`. */
export interface ReadGeoJsonChunksOptions {
  /** File name for error messages. */
  source: string;
  /** Size of the whole input in bytes, for progress; optional. */
  totalBytes?: number;
  onProgress?: ProgressCallback;
}

const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d; // }
const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

/**
 * Reads a GeoJSON FeatureCollection from chunks (Uint8Array as UTF-8, or strings), feature by
 * feature. The result equals `readGeoJson` on the concatenated text, and so do the errors,
 * except that a syntax error outside the features array is reported without its line.
 *
 * @example
 * function* chunks(path) { const fd = openSync(path, 'r'); const b = Buffer.alloc(1 << 20); let n; while ((n = readSync(fd, b)) > 0) yield b.subarray(0, n); closeSync(fd); }
 * const roads = readGeoJsonChunks(chunks('roads.geojson'), { source: 'roads.geojson' });
 */
export function readGeoJsonChunks(chunks: Iterable<Uint8Array | string>, options: ReadGeoJsonChunksOptions): FeatureCollection {
  const { source, onProgress } = options;
  const decoder = new TextDecoder('utf-8');
  const features: Feature[] = [];
  // Everything outside the features array, with the array left empty: parsed at the end.
  let skeleton = '';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let line = 1;
  /** Depth of the features array's elements, once inside it (0: not inside). */
  let featureDepth = 0;
  /** Text of the feature being read, from its opening brace, across chunks. */
  let pending = '';
  let inFeature = false;
  let featureLine = 0;
  let bytes = 0;
  let lastReport = 0;
  onProgress?.({ step: 'read', done: 0, ...(options.totalBytes !== undefined ? { total: options.totalBytes } : {}) });

  for (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    bytes += typeof chunk === 'string' ? chunk.length : chunk.byteLength;
    let featureStart = inFeature ? 0 : -1;
    let batchTried = false;
    let outsideStart = featureDepth === 0 ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
        continue;
      }
      if (c === QUOTE) {
        if (featureDepth !== 0 && !inFeature && depth === featureDepth - 1) throw notAFeature(source, features.length);
        inString = true;
        continue;
      }
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        depth++;
        if (featureDepth === 0 && c === OPEN_ARRAY && depth === 2 && /"features"\s*:\s*$/.test(skeleton + text.slice(outsideStart, i))) {
          skeleton += text.slice(outsideStart, i + 1);
          outsideStart = -1;
          featureDepth = 3;
        } else if (featureDepth !== 0 && depth === featureDepth && !inFeature) {
          if (c === OPEN_ARRAY) throw notAFeature(source, features.length);
          // The features from here to the piece's end in one JSON.parse, when they parse and are
          // all valid; else (once a piece) feature by feature below, which locates any error.
          const batch = batchTried ? null : parseBatch(text, i, source);
          if (batch !== null) {
            for (const feature of batch.features) features.push(feature);
            for (let at = text.indexOf('\n', i); at !== -1 && at < batch.end; at = text.indexOf('\n', at + 1)) line++;
            depth = featureDepth - 1;
            i = batch.end;
            continue;
          }
          batchTried = true;
          inFeature = true;
          featureStart = i;
          featureLine = line;
        }
        continue;
      }
      if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        depth--;
        if (inFeature && depth === featureDepth - 1) {
          const featureText = pending + text.slice(featureStart, i + 1);
          pending = '';
          inFeature = false;
          featureStart = -1;
          features.push(parseFeature(featureText, source, features.length, featureLine));
        } else if (featureDepth !== 0 && depth === featureDepth - 2) {
          // The features array closes.
          featureDepth = 0;
          outsideStart = i;
        }
        continue;
      }
      // Between features only whitespace and commas belong; anything else is not a Feature.
      if (featureDepth !== 0 && !inFeature && depth === featureDepth - 1 && c !== 0x2c && c !== 0x20 && c !== NEWLINE && c !== 0x0d && c !== 0x09) {
        throw notAFeature(source, features.length);
      }
    }
    if (inFeature) pending += text.slice(featureStart);
    if (outsideStart >= 0) skeleton += text.slice(outsideStart);
    if (onProgress && bytes - lastReport >= 1 << 22) {
      lastReport = bytes;
      onProgress({ step: 'read', done: bytes, ...(options.totalBytes !== undefined ? { total: options.totalBytes } : {}), message: `${features.length} features` });
    }
  }
  const rest = decoder.decode();
  if (rest.trim() !== '') skeleton += rest;
  if (inFeature) {
    throw new InputError(`malformed JSON: the file ends inside feature ${features.length}`, { source, line: featureLine }, 'the file is cut short; export it again');
  }
  const top = parseJson(skeleton, source);
  const collection = validateFeatureCollection(top, source);
  collection.features = features;
  // All is read (string chunks count characters, not bytes, so the total is the one to give).
  onProgress?.({ step: 'read', done: options.totalBytes ?? bytes, total: options.totalBytes ?? bytes, message: `${features.length} features` });
  return collection;
}

/** Candidate ends (a closing brace) tried for one batch, from the piece's last brace back. */
const BATCH_ENDS = 3;

/**
 * The features of `text` from `start` (a feature's opening brace, between features) up to one of
 * the piece's last closing braces, parsed as one array. A parse that succeeds ends exactly after a
 * whole feature: an end inside a string or a nested value leaves the array unbalanced. Null when
 * no candidate parses or an item is not a valid feature: the caller then reads feature by feature,
 * which gives the located error.
 */
function parseBatch(text: string, start: number, source: string): { features: Feature[]; end: number } | null {
  let end = text.lastIndexOf('}');
  for (let attempt = 0; attempt < BATCH_ENDS && end > start; attempt++) {
    let value: unknown;
    try {
      value = JSON.parse(`[${text.slice(start, end + 1)}]`);
    } catch {
      end = text.lastIndexOf('}', end - 1);
      continue;
    }
    try {
      validateFeatureCollection({ type: 'FeatureCollection', features: value }, source);
    } catch {
      return null;
    }
    return { features: value as Feature[], end };
  }
  return null;
}

function notAFeature(source: string, index: number): InputError {
  return new InputError('not a GeoJSON Feature', { source, index, field: 'type' }, 'each item of "features" must be {"type": "Feature", "geometry": ..., "properties": ...}');
}

function parseFeature(text: string, source: string, index: number, line: number): Feature {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    try {
      parseJson(text, source);
    } catch (error) {
      if (error instanceof InputError) {
        const inner = error.location.line ?? 1;
        throw new InputError(error.message, { source, index, line: line + inner - 1 }, error.hint);
      }
      throw error;
    }
  }
  try {
    validateFeatureCollection({ type: 'FeatureCollection', features: [value] }, source);
  } catch (error) {
    // Located as readGeoJson locates it: by feature index and field.
    if (error instanceof InputError) throw new InputError(error.message, { ...error.location, index }, error.hint);
    throw error;
  }
  return value as Feature;
}
