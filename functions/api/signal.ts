import { runtime } from '../shared/runtime.ts';

/**
 * Resumes the workflow step waiting at `stage`, if it is already waiting. If it is not yet waiting,
 * nothing is lost: the waiting step checks the case when it starts and resumes itself (await-signal).
 */
export async function signalWaitingStep(caseNumber: string, stage: string, output: Record<string, unknown>): Promise<void> {
  const rt = await runtime();
  const token = await rt.cases.getTaskToken(caseNumber, stage);
  if (token) await rt.workflow.sendTaskSuccess(token, output);
}
