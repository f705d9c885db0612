import { z } from 'zod';
import { Reason } from './common.ts';

export const Outcome = z.enum(['PENDING', 'PASS', 'CONDITIONAL', 'FAIL', 'MANUAL', 'NOT_APPLICABLE']).meta({ id: 'Outcome' });
export type Outcome = z.infer<typeof Outcome>;

export const DepartmentKey = z.enum(['hr', 'tax', 'medical', 'housingFund']).meta({ id: 'DepartmentKey' });
export type DepartmentKey = z.infer<typeof DepartmentKey>;
export const DEPARTMENT_KEYS = DepartmentKey.options;

/** One department's answer. `details` carries figures (fen, months) the citizen and the sealed notice show. */
export const DepartmentResult = z
  .object({
    outcome: Outcome,
    reasons: z.array(Reason),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'DepartmentResult' });
export type DepartmentResult = z.infer<typeof DepartmentResult>;

export const pendingResult = (): DepartmentResult => ({ outcome: 'PENDING', reasons: [], details: {} });
