/**
 * Skills (VROOM's): a stop may need skills (a key to a village post office, a small vehicle for a
 * narrow lane), a vehicle type holds some; a type may serve a stop only if it holds every skill
 * the stop needs. Compiled into the matrices, so that no move and no evaluation needs a special
 * case: each type that lacks a skill some stop needs drives on its own copy of its profile in which
 * every arc into such a stop is "no road". The search then never keeps a stop on a type that may
 * not serve it (such an arc costs more than any route), the pre-checks find stops no type may
 * serve, and `skillMismatch` lets reports name the cause.
 */
import type { ProfileData } from './model.js';

type Fail = (message: string, field: string, hint?: string) => never;

/** Reads a skills list: whole numbers ≥ 0 or non-empty strings (VROOM uses integers). */
export function readSkills(value: unknown, field: string, fail: Fail): Set<string> {
  if (!Array.isArray(value)) fail('skills must be an array of skill names or numbers', field);
  const out = new Set<string>();
  (value as unknown[]).forEach((skill, k) => {
    const ok = (typeof skill === 'string' && skill !== '') || (typeof skill === 'number' && Number.isInteger(skill) && skill >= 0);
    if (!ok) fail(`a skill must be a non-empty name or a whole number ≥ 0, got ${JSON.stringify(skill)}`, `${field}[${k}]`);
    out.add(String(skill));
  });
  return out;
}

/**
 * Per type: 1 for each stop the type lacks a skill for, or null when it may serve every stop.
 * `needs[s]` is stop s's skills (null: none), `holds[t]` type t's.
 */
export function skillMismatch(needs: readonly (Set<string> | null)[], holds: readonly Set<string>[]): (Uint8Array | null)[] {
  return holds.map((held) => {
    let out: Uint8Array | null = null;
    needs.forEach((need, s) => {
      if (need === null) return;
      for (const skill of need) {
        if (!held.has(skill)) {
          if (out === null) out = new Uint8Array(needs.length);
          out[s] = 1;
          return;
        }
      }
    });
    return out;
  });
}

/**
 * Adds, per distinct (profile, mismatch) pair, a copy of the profile with every arc into a stop
 * the type may not serve set to `unreachable`, and returns each type's profile index.
 * `stopLocation(s)` is stop s's index in the compiled location space.
 */
export function skillProfiles(
  profiles: ProfileData[], typeProfiles: readonly number[], mismatch: readonly (Uint8Array | null)[],
  nLocations: number, stopLocation: (s: number) => number, unreachable: number,
): number[] {
  const made = new Map<string, number>();
  return typeProfiles.map((p, t) => {
    const lacks = mismatch[t];
    if (lacks === null || lacks === undefined) return p;
    const blocked: number[] = [];
    lacks.forEach((x, s) => {
      if (x) blocked.push(s);
    });
    const key = `${p}:${blocked.join(',')}`;
    const known = made.get(key);
    if (known !== undefined) return known;
    const base = profiles[p]!;
    const distance = Float64Array.from(base.distance);
    const duration = Float64Array.from(base.duration);
    for (const s of blocked) {
      const to = stopLocation(s);
      for (let from = 0; from < nLocations; from++) {
        distance[from * nLocations + to] = unreachable;
        duration[from * nLocations + to] = unreachable;
      }
    }
    profiles.push({ name: `${base.name} (skills of ${t})`, distance, duration });
    made.set(key, profiles.length - 1);
    return profiles.length - 1;
  });
}
