/** Reading benchmarks/instances from tests: the index rows and file paths. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const INSTANCES_DIR = fileURLToPath(new URL('../../../../benchmarks/instances/', import.meta.url));

export interface IndexRow {
  set: string;
  instance: string;
  file: string;
  n: number;
  vehicles: number;
  capacity: number;
  bks: number;
  notes: string;
}

/** Splits one CSV line, honouring double quotes (the notes column holds commas). */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let k = 0; k < line.length; k++) {
    const c = line[k]!;
    if (quoted) {
      if (c === '"' && line[k + 1] === '"') { cell += '"'; k++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { cells.push(cell); cell = ''; } else cell += c;
  }
  cells.push(cell);
  return cells;
}

export function readIndex(): IndexRow[] {
  const lines = readFileSync(`${INSTANCES_DIR}index.csv`, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.slice(1).map((line) => {
    const [set, instance, file, n, vehicles, capacity, bks, , notes] = splitCsvLine(line);
    return { set: set!, instance: instance!, file: file!, n: Number(n), vehicles: Number(vehicles), capacity: Number(capacity), bks: Number(bks), notes: notes ?? '' };
  });
}

export function readInstance(file: string): string {
  return readFileSync(`${INSTANCES_DIR}${file}`, 'utf8');
}
