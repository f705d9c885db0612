import { z } from 'zod';
import { IsoMonth } from '../../schemas/common.ts';
import { DEPARTMENT_PATH, RETIREMENTS_PATH } from './departments.ts';
import { DepartmentResponseInvalid, DepartmentUnavailable } from './errors.ts';
import { type SignedCallOptions, signedPost } from './signed-post.ts';

/**
 * HR / social security's list of the insured who reach their statutory retirement month in a given month
 * (服务找人: the service goes to the person). `POST /hr/retirements` with `{"month": "YYYY-MM", "cursor"?}`, answered
 * page by page, signed like every department call; there is no case yet, so it names none.
 */
export const UpcomingRetiree = z.object({
  idNumber: z.string(),
  name: z.string(),
  phone: z.string(),
  statutoryRetirementMonth: IsoMonth,
});
export type UpcomingRetiree = z.infer<typeof UpcomingRetiree>;

export const RetirementsPage = z.object({ month: IsoMonth, persons: z.array(UpcomingRetiree), nextCursor: z.string().optional() });

export interface RetirementsClient {
  /** Everyone HR lists for `month`, all pages. */
  inMonth(month: string): Promise<UpcomingRetiree[]>;
}

export function createRetirementsClient(opts: SignedCallOptions & { baseUrl: string; timeoutMs?: number }): RetirementsClient {
  const url = new URL(`${opts.baseUrl.replace(/\/+$/, '')}/${DEPARTMENT_PATH.hr}/${RETIREMENTS_PATH}`);
  return {
    async inMonth(month) {
      const out: UpcomingRetiree[] = [];
      let cursor: string | undefined;
      do {
        let res: { status: number; text: string };
        try {
          res = await signedPost(opts, 'hr', url, { month, ...(cursor ? { cursor } : {}) }, '', opts.timeoutMs ?? 10_000);
        } catch (err) {
          throw new DepartmentUnavailable('hr', `retirements of ${month}: ${(err as Error).message}`, { cause: err });
        }
        const text = res.text;
        if (res.status !== 200) throw new DepartmentUnavailable('hr', `retirements of ${month}: HTTP ${res.status}`, { status: res.status });
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          throw new DepartmentResponseInvalid('hr', ['body is not JSON']);
        }
        const page = RetirementsPage.safeParse(body);
        if (!page.success || page.data.month !== month)
          throw new DepartmentResponseInvalid(
            'hr',
            page.success ? ['month: not the month asked for'] : page.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
          );
        out.push(...page.data.persons);
        cursor = page.data.nextCursor;
      } while (cursor);
      return out;
    },
  };
}
