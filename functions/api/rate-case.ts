import type { Rating } from '../../schemas/rating.ts';
import { loadCaseFor } from './case-access.ts';
import { httpHandler } from './http/handler.ts';
import { HttpProblem } from './http/problem.ts';
import { operations } from './routes.ts';

/**
 * 好差评: the citizen rates its own case once it is COMPLETED. The rating is kept on the case (the view shows it)
 * and not on the timeline: timeline entries are status changes, and each becomes a webhook event.
 */
export const handler = httpHandler(operations.rateCase, {
  async handle({ params, body, principal, requestId, rt }) {
    const record = await loadCaseFor(rt, principal, params.caseNumber, 'rate', requestId);
    const rating: Rating = { score: body.score, ...(body.comment ? { comment: body.comment } : {}), ratedAt: rt.clock.now().toISOString() };
    // Checked first for a clear answer; the write checks both again, so a concurrent second rating is still refused.
    if (record.status === 'COMPLETED' && !record.rating && (await rt.ratings.rate(params.caseNumber, rating)) === 'rated') {
      return { status: 201, body: { caseNumber: params.caseNumber, rating } };
    }
    if (record.status !== 'COMPLETED') {
      throw new HttpProblem(409, 'Not completed', `The case is ${record.status}; it can be rated once it is COMPLETED.`);
    }
    throw new HttpProblem(409, 'Already rated', 'This case has been rated; a rating is given once.');
  },
});
