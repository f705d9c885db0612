import { runtime } from '../shared/runtime.ts';
import { CaseInput, stepHandler } from './step-handler.ts';

/** No form before the deadline: the case ends EXPIRED and the person is free to book again. */
export const handler = stepHandler('expire-case', CaseInput, async ({ caseNumber }) => {
  const rt = await runtime();
  await rt.cases.transition(caseNumber, ['BOOKED'], 'EXPIRED', {
    at: rt.clock.now().toISOString(),
    actor: 'system',
    note: '未在申请期限内提交申请，办件已过期，可重新预约。',
  });
  const record = await rt.cases.get(caseNumber);
  return { status: record?.status };
});
