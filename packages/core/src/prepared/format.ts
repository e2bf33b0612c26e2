/**
 * The container of a prepared road network (`.prn`): a fixed preamble, a small JSON header (the
 * format version, what was prepared and how, the section table) and the sections themselves,
 * each a typed array laid out as it sits in memory (little-endian, 8-byte aligned), so loading is
 * reading the file and pointing typed arrays into it. A SHA-256 of everything after the preamble
 * is checked before any of it is used.
 *
 *   bytes 0..7    magic "PRNROADS"
 *   bytes 8..11   format version (uint32)
 *   bytes 12..15  header length in bytes (uint32)
 *   bytes 16..47  SHA-256 of bytes 48..end
 *   bytes 48..    header JSON (UTF-8), padded with spaces to a multiple of 8; then the sections
 */
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import { InputError } from '../errors.js';

export const PREPARED_MAGIC = 'PRNROADS';
/** Bumped whenever the layout or the meaning of a section changes; older files are refused. */
export const PREPARED_FORMAT_VERSION = 2;
const PREAMBLE = 48;

export type SectionArray = Float64Array | Uint32Array | Int32Array | Uint16Array | Uint8Array;
type SectionType = 'f64' | 'u32' | 'i32' | 'u16' | 'u8';

const TYPES: Record<SectionType, { bytes: number; make: (buffer: ArrayBufferLike, offset: number, count: number) => SectionArray }> = {
  f64: { bytes: 8, make: (b, o, n) => new Float64Array(b, o, n) },
  u32: { bytes: 4, make: (b, o, n) => new Uint32Array(b, o, n) },
  i32: { bytes: 4, make: (b, o, n) => new Int32Array(b, o, n) },
  u16: { bytes: 2, make: (b, o, n) => new Uint16Array(b, o, n) },
  u8: { bytes: 1, make: (b, o, n) => new Uint8Array(b, o, n) },
};

function typeOf(array: SectionArray): SectionType {
  if (array instanceof Float64Array) return 'f64';
  if (array instanceof Uint32Array) return 'u32';
  if (array instanceof Int32Array) return 'i32';
  if (array instanceof Uint16Array) return 'u16';
  return 'u8';
}

export interface SectionEntry {
  name: string;
  type: SectionType;
  /** Byte offset from the start of the file. */
  offset: number;
  /** Elements (not bytes). */
  count: number;
}

/** What the header always holds, beside the caller's own fields. */
export interface ContainerHeader {
  format: number;
  sections: SectionEntry[];
  /** Total file length in bytes, so that a cut file is told from a damaged one. */
  bytes: number;
}

/**
 * Lays out the header and sections as the byte chunks of one file (write them in order).
 *
 * @example
 * const chunks = encodeContainer({ kind: 'roads' }, { nodeLon: Float64Array.of(1, 2) });
 */
export function encodeContainer(fields: Record<string, unknown>, sections: Record<string, SectionArray>): Uint8Array[] {
  if (endianness() !== 'LE') throw new Error('prepared road networks are written on little-endian machines only');
  const names = Object.keys(sections);
  // The header's length depends on the offsets, which depend on its length: lay out twice.
  let headerBytes = 0;
  let header: ContainerHeader & Record<string, unknown> = { ...fields, format: PREPARED_FORMAT_VERSION, sections: [], bytes: 0 };
  let text = Buffer.alloc(0);
  for (let pass = 0; pass < 3; pass++) {
    let offset = PREAMBLE + headerBytes;
    const entries: SectionEntry[] = [];
    for (const name of names) {
      const array = sections[name]!;
      entries.push({ name, type: typeOf(array), offset, count: array.length });
      offset += align(array.byteLength);
    }
    header = { ...fields, format: PREPARED_FORMAT_VERSION, sections: entries, bytes: offset };
    text = Buffer.from(JSON.stringify(header), 'utf8');
    const needed = align(text.length);
    if (needed === headerBytes) break;
    headerBytes = Math.max(needed, headerBytes);
  }
  const headerChunk = Buffer.alloc(headerBytes, 0x20);
  text.copy(headerChunk);
  const chunks: Uint8Array[] = [headerChunk];
  for (const name of names) {
    const array = sections[name]!;
    chunks.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    const pad = align(array.byteLength) - array.byteLength;
    if (pad > 0) chunks.push(new Uint8Array(pad));
  }
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk);
  const preamble = Buffer.alloc(PREAMBLE);
  preamble.write(PREPARED_MAGIC, 0, 'latin1');
  preamble.writeUInt32LE(PREPARED_FORMAT_VERSION, 8);
  preamble.writeUInt32LE(text.length, 12);
  hash.digest().copy(preamble, 16);
  return [preamble, ...chunks];
}

function align(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}

/** True when the bytes start like a prepared road network (any version). */
export function isPreparedBytes(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && Buffer.from(bytes.buffer, bytes.byteOffset, 8).toString('latin1') === PREPARED_MAGIC;
}

/**
 * Reads and checks the container: magic, version, length, checksum, the section table. Sections
 * are views into `bytes` (copied once when `bytes` is not 8-byte aligned).
 *
 * @example
 * const { header, sections } = decodeContainer(readFileSync('county.prn'), 'county.prn');
 */
export function decodeContainer(input: Uint8Array, source: string, fix: string): { header: ContainerHeader & Record<string, unknown>; sections: Map<string, SectionArray> } {
  const fail = (what: string): never => { throw new InputError(what, { source }, fix); };
  if (!isPreparedBytes(input)) fail('not a prepared road network (it does not start with "PRNROADS")');
  if (input.length < PREAMBLE) fail(`the prepared road network is cut short (${input.length} bytes, not even its ${PREAMBLE}-byte preamble)`);
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.readUInt32LE(8);
  if (version !== PREPARED_FORMAT_VERSION) fail(`prepared with format version ${version}; this postroute reads version ${PREPARED_FORMAT_VERSION}`);
  if (endianness() !== 'LE') fail('prepared road networks are read on little-endian machines only');
  const headerLength = view.readUInt32LE(12);
  if (PREAMBLE + headerLength > bytes.length) fail(`the prepared road network is cut short (${bytes.length} bytes; its header alone needs ${PREAMBLE + headerLength})`);
  let header: ContainerHeader & Record<string, unknown>;
  try {
    header = JSON.parse(view.toString('utf8', PREAMBLE, PREAMBLE + headerLength)) as ContainerHeader & Record<string, unknown>;
  } catch {
    return fail('the header of the prepared road network is damaged');
  }
  if (typeof header.bytes !== 'number' || !Array.isArray(header.sections)) fail('the header of the prepared road network is damaged');
  if (bytes.length < header.bytes) fail(`the prepared road network is cut short (${bytes.length} of its ${header.bytes} bytes)`);
  if (bytes.length > header.bytes) fail(`the prepared road network has ${bytes.length - header.bytes} bytes too many after its end`);
  const digest = createHash('sha256').update(view.subarray(PREAMBLE)).digest();
  if (!digest.equals(view.subarray(16, 48))) fail('the prepared road network is damaged (its checksum does not match its content)');
  const sections = new Map<string, SectionArray>();
  let end = PREAMBLE + headerLength;
  for (const entry of header.sections) {
    const type = TYPES[entry.type];
    const ok = type && Number.isSafeInteger(entry.offset) && Number.isSafeInteger(entry.count) && entry.count >= 0 && entry.offset % 8 === 0 &&
      entry.offset >= end && entry.offset + entry.count * type.bytes <= bytes.length;
    if (!ok) fail(`section "${String(entry.name)}" of the prepared road network lies outside the file`);
    sections.set(entry.name, type.make(bytes.buffer, bytes.byteOffset + entry.offset, entry.count));
    end = entry.offset + entry.count * type.bytes;
  }
  return { header, sections };
}
