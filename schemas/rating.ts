import { z } from 'zod';
import { CaseNumber, Instant, Text } from './common.ts';

/**
 * 好差评: the citizen rates a completed case once. 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意
 * (the five grades of the national 政务服务好差评 scheme).
 */
export const Score = z
  .int('must be a whole number from 1 to 5')
  .min(1, 'must be from 1 to 5')
  .max(5, 'must be from 1 to 5')
  .meta({ description: '5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意.', example: 5 });

export const RatingRequest = z.strictObject({ score: Score, comment: Text({ max: 500 }).optional() }).meta({ id: 'RatingRequest' });
export type RatingRequest = z.infer<typeof RatingRequest>;

/** The rating as the case keeps it and shows it. */
export const Rating = z.strictObject({ score: Score, comment: z.string().optional(), ratedAt: Instant }).meta({ id: 'Rating' });
export type Rating = z.infer<typeof Rating>;

export const RatingResponse = z.strictObject({ caseNumber: CaseNumber, rating: Rating }).meta({ id: 'RatingResponse' });

/** What the staff dashboard shows (GET /v1/staff/stats `ratings`): average 0 while there is no rating. */
export const RatingsSummary = z
  .strictObject({
    count: z.int().min(0),
    average: z.number().min(0).max(5).meta({ description: 'Mean score, two decimals; 0 while count is 0.' }),
  })
  .meta({ id: 'RatingsSummary' });
export type RatingsSummary = z.infer<typeof RatingsSummary>;
