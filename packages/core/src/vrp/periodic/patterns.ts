/**
 * Visit patterns as bit masks over the horizon (bit d-1 = day d), generated from a rule or taken as
 * given, and the demand that a visit carries when mail accumulates between visits.
 */

/** Largest horizon: patterns are 32-bit masks. */
export const MAX_HORIZON = 31;
/** More patterns than this for one stop is almost surely a mistake (and slow). */
export const MAX_PATTERNS = 5000;

/** Days (1-based) of a mask, in order. */
export function maskDays(mask: number, horizon: number): number[] {
  const out: number[] = [];
  for (let d = 0; d < horizon; d++) if ((mask >>> d) & 1) out.push(d + 1);
  return out;
}

/** Mask of a list of days (1-based). */
export function daysMask(days: readonly number[]): number {
  let mask = 0;
  for (const d of days) mask |= 1 << (d - 1);
  return mask >>> 0;
}

export function popcount(mask: number): number {
  let c = 0;
  for (let v = mask >>> 0; v !== 0; v >>>= 1) c += v & 1;
  return c;
}

/**
 * Every set of `visits` days among `allowed` (a mask) whose consecutive days are at least `minGap`
 * apart within the horizon, in increasing order of mask. Stops early (returning what it has) once
 * more than `limit` are found, so that the caller can report an oversized rule.
 */
export function patternsFromRule(horizon: number, visits: number, allowed: number, minGap: number, limit = MAX_PATTERNS): number[] {
  const out: number[] = [];
  const days: number[] = [];
  for (let d = 0; d < horizon; d++) if ((allowed >>> d) & 1) days.push(d);
  const pick = (from: number, left: number, mask: number, last: number): void => {
    if (out.length > limit) return;
    if (left === 0) {
      out.push(mask >>> 0);
      return;
    }
    for (let k = from; k <= days.length - left; k++) {
      const d = days[k]!;
      if (last >= 0 && d - last < minGap) continue;
      pick(k + 1, left - 1, mask | (1 << d), d);
    }
  };
  if (visits > 0) pick(0, visits, 0, -1);
  return out.sort((a, b) => a - b);
}

/**
 * Days since the previous visit of the pattern for a visit on `day` (0-based), counted cyclically
 * over the horizon (the week repeats): the multiplier of the stop's demand when mail accumulates.
 * 0 when the pattern does not visit on that day.
 */
export function accumulationGap(mask: number, day: number, horizon: number): number {
  if (!((mask >>> day) & 1)) return 0;
  for (let back = 1; back <= horizon; back++) {
    const prev = (day - back + horizon) % horizon;
    if ((mask >>> prev) & 1) return back;
  }
  return horizon;
}
