import { keys } from '../adapters/table-keys.ts';
import { maskPhone } from '../domain/mask.ts';
import { CaseInput, stepHandler } from './step-handler.ts';

/**
 * Completes the case and leaves one message for the citizen in the outbox (the SMS gateway reads it),
 * in one transaction that only applies once, so a re-run sends nothing twice.
 */
export const handler = stepHandler('notify', CaseInput, async ({ caseNumber }, rt) => {
  const record = await rt.cases.get(caseNumber);
  if (!record) throw new Error(`case ${caseNumber} not found`);
  const at = rt.clock.now().toISOString();
  const result = record.decision === 'APPROVED' ? '已审核通过' : '未获批准';
  const text = `【退休一件事】您的退休申请（办件编号 ${caseNumber}）${result}，盖章文书已出具，请登录查看或下载。`;
  await rt.cases.advance(
    caseNumber,
    ['SEALING'],
    [{ at, status: 'COMPLETED', actor: 'system', note: `办结：${result}，已短信通知` }],
    {},
    [{ ...keys.notification(caseNumber, 'result'), channel: 'sms', to: record.phone, toMasked: maskPhone(record.phone), text, at }],
    record.idNumber,
  );
  return { notified: true };
});
