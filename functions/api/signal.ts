import type { Runtime } from '../shared/runtime.ts';

/**
 * Resumes the workflow step waiting at `stage`, if it is already waiting. If it is not yet waiting,
 * nothing is lost: the waiting step checks the case when it starts and resumes itself (await-signal).
 */
export async function signalWaitingStep(rt: Runtime, caseNumber: string, stage: string, output: Record<string, unknown>, readBefore?: string): Promise<void> {
  // A token read with the case before the act's write (`readBefore`, one request fewer) resumes the step when it is
  // still the one waiting. When it is not (the step was retried and waits under a new token), or none was there yet,
  // the token is read after the write, as always: either that read finds the new token, or the step saves it after
  // the write and then finds the act on the case.
  if (readBefore && (await rt.workflow.sendTaskSuccess(readBefore, output))) return;
  const token = await rt.taskTokens.get(caseNumber, stage);
  if (token && token !== readBefore) await rt.workflow.sendTaskSuccess(token, output);
}
