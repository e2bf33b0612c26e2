/**
 * Errors that postroute raises on purpose. Each carries enough context for one clear line:
 * what is wrong, where (file, feature/row index, field) and how to fix it. The CLI maps
 * `InputError` to exit code 2 and `InfeasibleError` to exit code 3; anything else is a bug.
 */

/** Where in the user's input a problem was found. Every part is optional. */
export interface InputLocation {
  /** File name or logical source ("roads", "problem.json"). */
  source?: string;
  /** Zero-based feature index in a FeatureCollection, or data-row index in a CSV / array (shown
   *  only when there is no `line`; a CSV row as "row index+1"). */
  index?: number;
  /** One-based line number, for text formats. */
  line?: number;
  /** Property or field name, dotted for nested ones ("vehicles[0].capacity"). */
  field?: string;
}

/**
 * Bad input: a message with where it is (file, line or row, field) and how to fix it. The CLI
 * prints `describe()` on one line and exits 2.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  readonly location: InputLocation;
  readonly hint: string | undefined;

  constructor(message: string, location: InputLocation = {}, hint?: string) {
    super(message);
    this.location = location;
    this.hint = hint;
  }

  /** "roads.geojson, feature 12, field coordinates: … (fix: …)" */
  describe(): string {
    const where: string[] = [];
    const { source, index, line, field } = this.location;
    if (source !== undefined) where.push(source);
    const csv = /\.(csv|tsv|txt)$/i.test(source ?? '');
    if (line !== undefined) where.push(`line ${line}`);
    // In a CSV file the line says where already; without one, a row is counted as a spreadsheet
    // counts data rows (the first below the header is row 1). JSON items keep their array index.
    if (index !== undefined && !(csv && line !== undefined)) where.push(csv ? `row ${index + 1}` : `item ${index}`);
    if (field !== undefined) where.push(`field "${field}"`);
    const prefix = where.length > 0 ? `${where.join(', ')}: ` : '';
    const fix = this.hint ? ` — ${this.hint}` : '';
    return `${prefix}${this.message}${fix}`;
  }
}

/** The input is well formed but cannot be satisfied (nothing reachable, no feasible plan). */
export class InfeasibleError extends Error {
  override readonly name = 'InfeasibleError';
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.hint = hint;
  }
  /** The message and, when there is one, the hint: one line for the CLI to print. */
  describe(): string {
    return this.hint ? `${this.message} — ${this.hint}` : this.message;
  }
}
