import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * One step run in a fresh Node process (a vitest worker has its own module graph, and the other observability tests
 * load the Tracer on purpose): is the X-Ray SDK loaded afterwards?
 */
async function xraySdkLoadedAfterOneStep(traceEnabled: string): Promise<boolean> {
  const script = `
    import { createRequire } from 'node:module';
    const { setRuntime } = await import(${JSON.stringify(`${root}functions/shared/runtime.ts`)});
    setRuntime({});
    const { CaseInput, stepHandler } = await import(${JSON.stringify(`${root}functions/steps/step-handler.ts`)});
    const step = stepHandler('probe', CaseInput, async () => 'ok');
    await step({ caseNumber: 'RT20261124K3Q9MZ', correlationId: 'corr-trace-0002' }, { functionName: 'check-hr', awsRequestId: 'req-1' });
    const loaded = Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes('/aws-xray-sdk-core/'));
    process.stdout.write('\\n' + JSON.stringify({ loaded }) + '\\n');
  `;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    env: {
      ...process.env,
      POWERTOOLS_TRACE_ENABLED: traceEnabled,
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
      LOG_LEVEL: 'silent',
    },
  });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return (JSON.parse(last) as { loaded: boolean }).loaded;
}

describe('the Tracer when tracing is switched off', () => {
  // Loading it enables cls-hooked's promise hook for the whole process, a cost every promise pays, traced or not.
  it.each([
    ['false', false],
    ['true', true],
  ])(
    'POWERTOOLS_TRACE_ENABLED=%s: the X-Ray SDK is loaded after a step: %s',
    async (traceEnabled, loaded) => {
      expect(await xraySdkLoadedAfterOneStep(traceEnabled)).toBe(loaded);
    },
    30_000,
  );
});
