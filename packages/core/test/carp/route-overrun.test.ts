/** The one verdict on a CARP route's length (carp/solve.ts routeOverrun), which door to door words. */
import { describe, expect, it } from 'vitest';
import { routeOverrun } from '../../src/carp/solve.js';
import { FEASIBILITY_TOLERANCE } from '../../src/vrp/evaluate.js';

describe('routeOverrun', () => {
  it('is 0 within the search\'s tolerance and the excess beyond it; 0 without a limit', () => {
    expect(routeOverrun({ maxRouteCost: 3600 }, { cost: 3600 })).toBe(0);
    expect(routeOverrun({ maxRouteCost: 3600 }, { cost: 3600 + FEASIBILITY_TOLERANCE / 2 })).toBe(0);
    // Less than half a second over: rounding the duration (as the planner did) called it within the shift.
    expect(routeOverrun({ maxRouteCost: 3600 }, { cost: 3600.4 })).toBeCloseTo(0.4, 9);
    expect(routeOverrun({ maxRouteCost: 3600 }, { cost: 4000 })).toBe(400);
    expect(routeOverrun({ maxRouteCost: Infinity }, { cost: 1e9 })).toBe(0);
  });
});
