import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';

const lambdaContext = (name: string) =>
  ({ functionName: name, awsRequestId: 'req-0001', memoryLimitInMB: '512', invokedFunctionArn: `arn:aws:lambda:cn-north-1:1:function:${name}` }) as Context;

/** Everything written to stdout and stderr while `run` runs, as parsed JSON lines. */
async function written(run: () => Promise<unknown>): Promise<Record<string, any>[]> {
  const chunks: string[] = [];
  const keep = (c: string | Uint8Array) => (chunks.push(String(c)), true);
  const spies = [vi.spyOn(process.stdout, 'write').mockImplementation(keep), vi.spyOn(process.stderr, 'write').mockImplementation(keep)];
  try {
    await run();
  } finally {
    for (const s of spies) s.mockRestore();
  }
  return chunks
    .join('')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

/** A step built by the product's step wrapper, with a runtime it does not touch. */
async function probeStep() {
  vi.stubEnv('LOG_LEVEL', 'debug');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  vi.stubEnv('POWERTOOLS_TRACE_ENABLED', 'false');
  // As Lambda sets it: Powertools counts a cold start only for an on-demand container.
  vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
  const { setRuntime } = await import('../../../functions/shared/runtime.ts');
  setRuntime({} as never);
  const { CaseInput, stepHandler } = await import('../../../functions/steps/step-handler.ts');
  const { logger } = await import('../../../functions/shared/logger.ts');
  return stepHandler('probe', CaseInput, async ({ caseNumber }) => {
    logger.info({ caseNumber }, 'probing');
    return 'ok';
  });
}

describe('the handler wrappers’ Powertools middleware', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('stamps the execution’s correlation id and the Lambda context on every line of a step, and counts one cold start', async () => {
    const step = await probeStep();
    const first = await written(() => step({ caseNumber: 'RT20261124K3Q9MZ', correlationId: 'corr-step-0001' }, lambdaContext('check-hr')));
    const second = await written(() => step({ caseNumber: 'RT20261124K3Q9MZ', correlationId: 'corr-step-0002' }, lambdaContext('check-hr')));
    const logs = (lines: Record<string, any>[]) => lines.filter((l) => l.message);
    expect(logs(first).map((l) => [l.message, l.correlation_id, l.function_name])).toEqual([
      ['probing', 'corr-step-0001', 'check-hr'],
      ['step done', 'corr-step-0001', 'check-hr'],
    ]);
    expect(logs(second).every((l) => l.correlation_id === 'corr-step-0002')).toBe(true);
    const coldStarts = [...first, ...second].filter((l) => l._aws && 'ColdStart' in l);
    expect(coldStarts).toHaveLength(1);
  });

  it('correlates an execution started without an id by its case number, and runs without a Lambda context', async () => {
    const step = await probeStep();
    const lines = await written(() => (step as (e: unknown) => Promise<unknown>)({ caseNumber: 'RT20261124K3Q9MZ' }));
    expect(lines.filter((l) => l.message).map((l) => l.correlation_id)).toEqual(['RT20261124K3Q9MZ', 'RT20261124K3Q9MZ']);
  });

  it('does not take an ill-formed correlation id from the execution input (it would be logged and sent as is)', async () => {
    const step = await probeStep();
    const lines = await written(() => step({ caseNumber: 'RT20261124K3Q9MZ', correlationId: '441900196610120130' }, lambdaContext('check-tax')));
    expect(lines.filter((l) => l.message).map((l) => l.correlation_id)).toEqual(['RT20261124K3Q9MZ', 'RT20261124K3Q9MZ']);
  });

  /** The names on a client's middleware stack: X-Ray's instrumentation is one when the client is traced. */
  const middlewareNames = (client: { middlewareStack: { identify(): string[] } }) => client.middlewareStack.identify().join(' ');

  async function clientsAroundOneInvocation(traceEnabled: string) {
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs22.x');
    vi.stubEnv('POWERTOOLS_TRACE_ENABLED', traceEnabled);
    vi.stubEnv('AWS_XRAY_CONTEXT_MISSING', 'IGNORE_ERROR');
    const { setRuntime } = await import('../../../functions/shared/runtime.ts');
    setRuntime({} as never);
    const { traced } = await import('../../../functions/shared/observability.ts');
    const { S3Client } = await import('@aws-sdk/client-s3');
    const { CaseInput, stepHandler } = await import('../../../functions/steps/step-handler.ts');
    const before = traced(new S3Client({ region: 'cn-north-1' }));
    const step = stepHandler('probe', CaseInput, async () => 'ok');
    await written(() => step({ caseNumber: 'RT20261124K3Q9MZ', correlationId: 'corr-trace-0001' }, lambdaContext('check-hr')));
    const after = traced(new S3Client({ region: 'cn-north-1' }));
    return { before: middlewareNames(before), after: middlewareNames(after), plain: middlewareNames(new S3Client({ region: 'cn-north-1' })) };
  }

  it('traces every AWS client the product makes in Lambda, made before the first invocation or after it', async () => {
    const names = await clientsAroundOneInvocation('true');
    expect(names.before).toContain('XRaySDKInstrumentation');
    expect(names.after).toContain('XRaySDKInstrumentation');
    expect(names.plain).not.toContain('XRaySDKInstrumentation');
  });

  it('leaves the clients untraced when tracing is switched off', async () => {
    const names = await clientsAroundOneInvocation('false');
    expect(names.before).not.toContain('XRaySDKInstrumentation');
    expect(names.after).not.toContain('XRaySDKInstrumentation');
  });
});
