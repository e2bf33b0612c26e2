/**
 * Text files as people have them: UTF-8 with or without a byte-order mark, UTF-16 as Windows
 * Notepad saves "Unicode", and the Windows-1252 (Latin-1) files older spreadsheets export. Every
 * text input postroute reads is decoded here, so the rules are the same for every file.
 */
import { isAscii } from 'node:buffer';

/** The encodings postroute reads. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** A file's text and how it was decoded. */
export interface DecodedText {
  /** The text, without a byte-order mark. */
  text: string;
  encoding: TextEncoding;
  /** Set when the caller should be told how the file was read (it was not UTF-8). */
  note?: string;
}

/**
 * Decodes a text file's bytes. A byte-order mark says UTF-8 or UTF-16 (and is dropped); without
 * one, text with a zero byte in every other place is UTF-16; bytes that are valid UTF-8 are UTF-8;
 * anything else is read as Windows-1252 (a superset of Latin-1), with a note saying so. Binary
 * data (zero bytes, gzip) is left to the format readers, which refuse it in one line: it is decoded
 * as UTF-8 with replacement characters, as before.
 *
 * @example
 * decodeText(Buffer.from([0x41, 0x69, 0x78, 0xe0, 0x73]), 'places.csv');
 * // { text: 'Aixàs', encoding: 'windows-1252', note: 'places.csv is not UTF-8: read as Windows-1252 …' }
 */
export function decodeText(bytes: Uint8Array, source: string): DecodedText {
  const utf16 = utf16Order(bytes);
  if (utf16 !== undefined) {
    const bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    const text = new TextDecoder(utf16).decode(bom ? bytes.subarray(2) : bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: utf16 };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    if (looksBinary(body)) return { text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8' };
    return { text: decodeWindows1252(body), encoding: 'windows-1252', note: windows1252Note(body, source) };
  }
}

/**
 * Decodes a file read in pieces by the rules of `decodeText`: `decode` is handed each piece in
 * order and gives its text. A UTF-16 byte-order mark in the first piece says UTF-16; otherwise
 * the pieces must be UTF-8 (a byte-order mark dropped), and `decode` throws `NotUtf8` at the first
 * piece that is not. The caller then reads the file again with `decodePieces(source, 'windows-1252')`,
 * whose `note` says so from the first piece with a byte above ASCII on.
 *
 * @example
 * const pieces = decodePieces('roads.geojson');
 * for (const piece of file) use(pieces.decode(piece)); // throws NotUtf8 on a Latin-1 byte
 */
export function decodePieces(source: string, fallback?: 'windows-1252'): { decode: (piece: Uint8Array) => string; readonly encoding: TextEncoding; readonly note: string | undefined } {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  let encoding: TextEncoding = fallback ?? 'utf-8';
  let note: string | undefined;
  let decoderUsed = false;
  const decode = (piece: Uint8Array): string => {
    if (encoding === 'windows-1252') {
      if (note === undefined && piece.some((b) => b >= 0x80)) note = windows1252Note(piece, source);
      return decodeWindows1252(piece);
    }
    if (decoder === undefined) {
      encoding = piece[0] === 0xff && piece[1] === 0xfe ? 'utf-16le' : piece[0] === 0xfe && piece[1] === 0xff ? 'utf-16be' : 'utf-8';
      // TextDecoder drops the byte-order mark of its own encoding.
      decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
    }
    // While every piece has been ASCII the decoder holds nothing: an ASCII piece is its own text,
    // taken without the validating decoder (a county's roads are ASCII, 100 MB of them).
    if (encoding === 'utf-8' && !decoderUsed && isAscii(piece)) return Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength).toString('latin1');
    decoderUsed = true;
    try {
      return decoder.decode(piece, { stream: true });
    } catch {
      throw new NotUtf8(source);
    }
  };
  return { decode, get encoding() { return encoding; }, get note() { return note; } };
}

/** Thrown by `decodePieces` when a file's bytes are not UTF-8: read it again as Windows-1252. */
export class NotUtf8 extends Error {
  constructor(source: string) {
    super(`${source} is not UTF-8`);
  }
}

/** What the reader is told when a file was read as Windows-1252: the file, and a word to check. */
function windows1252Note(bytes: Uint8Array, source: string): string {
  return `${source} is not UTF-8: read as Windows-1252 (Latin-1), e.g. ${JSON.stringify(firstAccented(bytes, decodeWindows1252(bytes)))}; save it as UTF-8 to be sure`;
}

// Windows-1252 differs from Latin-1 in 0x80–0x9F (€, ‚, „, …, curly quotes, Š, Ž, Ÿ); Node's
// TextDecoder('windows-1252') decodes them as Latin-1's control characters, so they are mapped here.
// The five bytes Windows-1252 leaves undefined keep their Latin-1 meaning, as browsers do.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009F]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** UTF-16 by its byte-order mark, or by zero bytes in every other place of an ASCII start. */
function utf16Order(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros >= pairs * 0.9 && evenZeros === 0) return 'utf-16le';
  if (evenZeros >= pairs * 0.9 && oddZeros === 0) return 'utf-16be';
  return undefined;
}

/** Zero bytes or gzip's magic number: not text in any encoding. */
function looksBinary(bytes: Uint8Array): boolean {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return true;
  const n = Math.min(bytes.length, 4096);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) control++;
  }
  return control * 20 >= n && control > 0;
}

/** The word around the first byte that is not ASCII, as Windows-1252 reads it: what to check. */
function firstAccented(bytes: Uint8Array, text: string): string {
  const at = bytes.findIndex((b) => b >= 0x80);
  // Windows-1252 is one byte per character: the offsets agree.
  let start = at;
  let end = at + 1;
  while (start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1]!) && at - start < 20) start--;
  while (end < text.length && /[\p{L}\p{N}]/u.test(text[end]!) && end - at < 20) end++;
  return text.slice(start, end);
}
