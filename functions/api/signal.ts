import type { Runtime } from '../shared/runtime.ts';

/**
 * Resumes the workflow step waiting at `stage`, if it is already waiting. If it is not yet waiting,
 * nothing is lost: the waiting step checks the case when it starts and resumes itself (await-signal).
 */
export async function signalWaitingStep(rt: Runtime, caseNumber: string, stage: string, output: Record<string, unknown>): Promise<void> {
  const token = await rt.taskTokens.get(caseNumber, stage);
  if (token) await rt.workflow.sendTaskSuccess(token, output);
}
