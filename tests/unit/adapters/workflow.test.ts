import { ExecutionAlreadyExists, SendTaskSuccessCommand, SFNClient, StartExecutionCommand, TaskTimedOut } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { StepFunctionsWorkflow } from '../../../functions/adapters/workflow.ts';

const sfn = mockClient(SFNClient);
const ARN = 'arn:aws:states:cn-north-1:123456789012:stateMachine:retireone-retirement-case';

describe('StepFunctionsWorkflow', () => {
  beforeEach(() => sfn.reset());

  it('starts one execution per case, named by the case number', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'x', startDate: new Date() });
    await new StepFunctionsWorkflow(ARN, 'v-test', new SFNClient({})).startCase('RT20261124ABCDEF', { caseNumber: 'RT20261124ABCDEF' });
    const call = sfn.commandCalls(StartExecutionCommand)[0].args[0].input;
    expect(call).toEqual({ stateMachineArn: ARN, name: 'RT20261124ABCDEF', input: '{"caseNumber":"RT20261124ABCDEF"}' });
  });

  it('names a staff retry <case>-retry-<n>: execution names are never reused', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'x', startDate: new Date() });
    await new StepFunctionsWorkflow(ARN, 'v-test', new SFNClient({})).startCase('RT20261124ABCDEF', { caseNumber: 'RT20261124ABCDEF' }, { retry: 2 });
    expect(sfn.commandCalls(StartExecutionCommand)[0].args[0].input.name).toBe('RT20261124ABCDEF-retry-2');
  });

  it('treats a second start of the same case as done', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    await expect(new StepFunctionsWorkflow(ARN, 'v-test', new SFNClient({})).startCase('RT20261124ABCDEF', {})).resolves.toBeUndefined();
  });

  it('reports a token that no longer waits as false, and other failures as errors', async () => {
    const wf = new StepFunctionsWorkflow(ARN, 'v-test', new SFNClient({}));
    sfn
      .on(SendTaskSuccessCommand)
      .rejectsOnce(new TaskTimedOut({ message: 'late', $metadata: {} }))
      .rejectsOnce(new Error('throttled'));
    await expect(wf.sendTaskSuccess('t1', { outcome: 'PASS' })).resolves.toBe(false);
    await expect(wf.sendTaskSuccess('t2', { outcome: 'PASS' })).rejects.toThrow('throttled');
    sfn.on(SendTaskSuccessCommand).resolves({});
    await expect(wf.sendTaskSuccess('t3', { outcome: 'PASS' })).resolves.toBe(true);
    expect(sfn.commandCalls(SendTaskSuccessCommand).at(-1)!.args[0].input).toEqual({ taskToken: 't3', output: '{"outcome":"PASS"}' });
  });
});
