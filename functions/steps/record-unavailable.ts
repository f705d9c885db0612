import { z } from 'zod';
import { DepartmentKey } from '../../schemas/department-result.ts';
import { runtime } from '../shared/runtime.ts';
import type { CheckOutput } from './department-check.ts';
import { stepHandler } from './step-handler.ts';

const Input = z.object({
  caseNumber: z.string(),
  department: DepartmentKey,
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
});

const NAMES: Record<DepartmentKey, string> = { hr: '人力资源和社会保障部门', tax: '税务部门', medical: '医疗保障部门', housingFund: '住房公积金管理中心' };

/** The department did not answer after the retries: a person decides (MANUAL), the case does not fail. */
export const handler = stepHandler('record-unavailable', Input, async ({ department, error }): Promise<CheckOutput> => {
  const rt = await runtime();
  return {
    department,
    result: {
      outcome: 'MANUAL',
      reasons: [{ code: 'DEPARTMENT_UNAVAILABLE', message: `${NAMES[department]}系统暂时无法答复，已转工作人员人工核查。` }],
      details: { error: error?.Error ?? 'unknown', checkedAt: rt.clock.now().toISOString() },
    },
  };
});
