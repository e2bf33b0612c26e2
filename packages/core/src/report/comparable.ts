/**
 * Whether today's routes and the new plan are the same service, so that the kilometres saved
 * mean what a planner will say they mean. A plan that serves fewer stops, delivers less mail or
 * breaks other rules than today's routes is a different service: its headline must say so first,
 * and a savings rate is quoted only when both sides serve the same stops and the same mail.
 */
import type { NotComparableReason, PhaseTotals, ReportRoute } from './types.js';

/** The two plans `compareService` compares. */
export interface ComparabilityInput {
  before: readonly ReportRoute[];
  after: readonly ReportRoute[];
  beforeTotals: PhaseTotals;
  afterTotals: PhaseTotals;
  /** Village → the station or outlet where it now gets its mail. */
  servedVia?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /** What the totals sum: one day (default) or a week of a weekly plan. */
  period?: 'day' | 'week';
}

/** Whether today's routes and the new plan can be compared, and why not. */
export interface Comparability {
  comparable: boolean;
  /** True when both sides serve the same stops with the same mail: the savings rate is like for like. */
  sameService: boolean;
  reasons: NotComparableReason[];
}

const count = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * Compares the two sides. Without today's routes there is nothing to compare, and nothing is
 * claimed: `comparable` is true and the savings stay null elsewhere.
 *
 * @example
 * const { comparable, reasons } = compareService({ before, after, beforeTotals, afterTotals });
 * if (!comparable) console.log(`not comparable: ${reasons[0].message}`);
 */
export function compareService(input: ComparabilityInput): Comparability {
  const { before, after, beforeTotals: b, afterTotals: a } = input;
  if (before.length === 0) return { comparable: true, sameService: true, reasons: [] };
  const today = new Set(before.flatMap((route) => route.stops));
  const planned = new Set(after.flatMap((route) => route.stops));
  const via = input.servedVia instanceof Map ? input.servedVia : new Map(Object.entries(input.servedVia ?? {}));
  const reasons: NotComparableReason[] = [];

  const missing = [...today].filter((stop) => !planned.has(stop));
  if (missing.length > 0) {
    const atStation = missing.filter((stop) => via.has(stop)).length;
    const notServed = missing.length - atStation;
    const served = `the new plan serves ${today.size - missing.length} of today's ${today.size} stops`;
    const message = atStation === 0
      ? `${served} — see unassigned`
      : `${served}: ${atStation === 1 ? '1 village gets its' : `${count(atStation, 'village')} get their`} mail at a village station or an outlet's counter instead${notServed > 0 ? `, ${count(notServed, 'stop')} not served — see unassigned` : ''}`;
    reasons.push({ kind: 'fewer-stops', message });
  }
  const extra = [...planned].filter((stop) => !today.has(stop));
  if (extra.length > 0) {
    reasons.push({ kind: 'other-stops', message: `the new plan also serves ${count(extra.length, 'stop')} that no route serves today (${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ', …' : ''})` });
  }
  if (a.mailDelivered !== b.mailDelivered) {
    const less = a.mailDelivered < b.mailDelivered;
    reasons.push({
      kind: less ? 'less-mail' : 'more-mail',
      message: `the new plan delivers ${a.mailDelivered.toLocaleString('en-US')} items a ${input.period ?? 'day'}, today's routes ${b.mailDelivered.toLocaleString('en-US')}`,
    });
  }
  const sameService = reasons.length === 0;
  if (a.violations !== b.violations) {
    const examples = (routes: readonly ReportRoute[]): string => {
      const all = routes.flatMap((route) => route.violations.map((violation) => `${route.id}: ${violation.message}`));
      return all.length === 0 ? '' : ` (${all.slice(0, 3).join('; ')}${all.length > 3 ? '; …' : ''})`;
    };
    const side = (n: number): string => (n === 0 ? 'none' : count(n, 'rule'));
    reasons.push({
      kind: 'rules',
      message: `today's routes break ${side(b.violations)}${examples(before)}, the new plan ${side(a.violations)}${examples(after)}`,
    });
  }
  return { comparable: reasons.length === 0, sameService, reasons };
}
