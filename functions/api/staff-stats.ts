import { CaseStatus } from '../../schemas/case.ts';
import { slaFor } from '../sla/sla-for.ts';
import { PROMISE_RUNNING } from '../sla/sweep-deadlines.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';

/**
 * The team's figures: cases by status (counted on the status index), due soon and overdue (the promise of each
 * running case today), on-time rate and median from the running completion totals, and the ratings.
 */
export const handler = httpHandler(operations.getStaffStats, {
  async handle({ rt }) {
    const [counts, running, completions, ratings] = await Promise.all([
      Promise.all(CaseStatus.options.map(async (s) => [s, await rt.stats.countInStatus(s)] as const)),
      rt.cases.listByStatus(PROMISE_RUNNING),
      rt.stats.completions(),
      rt.ratings.ratingsSummary(),
    ]);
    const states = running.map((r) => slaFor(r, rt)?.state);
    return {
      status: 200,
      body: {
        byStatus: Object.fromEntries(counts),
        overdue: states.filter((s) => s === 'OVERDUE').length,
        dueSoon: states.filter((s) => s === 'DUE_SOON').length,
        ...completions,
        ratings,
      },
      headers: { 'cache-control': 'no-store' },
    };
  },
});
