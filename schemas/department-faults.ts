import { z } from 'zod';
import { DepartmentKey } from './department-result.ts';

/**
 * A fault injected into one local department stand-in (local development mode only): how the product rides
 * out a department that is down, slow, erratic or answering nonsense.
 */
export const FaultMode = z.enum(['up', 'down', 'slow', 'errors', 'malformed']).meta({
  id: 'FaultMode',
  description:
    '`up` normal; `down` the connection is closed without an answer; `slow` every answer `latencyMs` later; ' +
    '`errors` HTTP 500 with probability `errorRate`; `malformed` HTTP 200 with a body that does not match the department schema.',
});
export type FaultMode = z.infer<typeof FaultMode>;

export const DepartmentFault = z
  .strictObject({
    mode: FaultMode,
    latencyMs: z.int().min(0).max(60_000).optional().meta({ description: 'Extra delay before each answer (mode `slow`; default 2000).' }),
    errorRate: z.number().min(0).max(1).optional().meta({ description: 'Probability of an HTTP 500 (mode `errors`; default 1).' }),
  })
  .meta({ id: 'DepartmentFault' });
export type DepartmentFault = z.infer<typeof DepartmentFault>;

export const DepartmentFaultPathParams = z.strictObject({ department: DepartmentKey });

export const DepartmentFaultResponse = DepartmentFault.extend({ department: DepartmentKey }).meta({ id: 'DepartmentFaultResponse' });
export type DepartmentFaultResponse = z.infer<typeof DepartmentFaultResponse>;
