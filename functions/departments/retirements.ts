import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { IsoMonth } from '../../schemas/common.ts';
import { DEPARTMENT_PATH, HEADER_CALLING_SYSTEM, HEADER_REQUEST_ID } from './departments.ts';
import { DepartmentResponseInvalid, DepartmentUnavailable } from './errors.ts';

/**
 * HR / social security's list of the insured who reach their statutory retirement month in a given month
 * (服务找人: the service goes to the person). `GET /hr/retirements?month=YYYY-MM`, answered page by page; there is
 * no case yet, so the request carries the calling system and a request id only.
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

export function createRetirementsClient(opts: { baseUrl: string; callingSystem: string; timeoutMs?: number }): RetirementsClient {
  const base = `${opts.baseUrl.replace(/\/+$/, '')}/${DEPARTMENT_PATH.hr}/retirements`;
  return {
    async inMonth(month) {
      const out: UpcomingRetiree[] = [];
      let cursor: string | undefined;
      do {
        const url = `${base}?${new URLSearchParams({ month, ...(cursor ? { cursor } : {}) })}`;
        let res: Response;
        let text: string;
        try {
          res = await fetch(url, {
            headers: { accept: 'application/json', [HEADER_CALLING_SYSTEM]: opts.callingSystem, [HEADER_REQUEST_ID]: randomUUID() },
            signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
          });
          text = await res.text();
        } catch (err) {
          throw new DepartmentUnavailable('hr', `retirements of ${month}: ${(err as Error).message}`, { cause: err });
        }
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
