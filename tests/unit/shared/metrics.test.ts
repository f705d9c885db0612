import { afterEach, describe, expect, it, vi } from 'vitest';

describe('recordMetric', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('writes one embedded-metric-format line in the RetireOne namespace, which CloudWatch turns into the alarmed metric', async () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const { recordMetric } = await import('../../../functions/shared/metrics.ts');
    const { PRODUCT_METRICS } = await import('../../../functions/shared/metric-names.ts');
    recordMetric(PRODUCT_METRICS.smsBacklog, 7);
    const emf = lines.map((l) => JSON.parse(l)).find((o) => o._aws);
    expect(emf._aws.CloudWatchMetrics[0].Namespace).toBe('RetireOne');
    expect(emf._aws.CloudWatchMetrics[0].Metrics).toEqual([{ Name: 'SmsPending', Unit: 'Count' }]);
    expect(emf.SmsPending).toBe(7);
  });

  it('writes nothing where metrics are switched off (the embedded hosting)', async () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const { recordMetric } = await import('../../../functions/shared/metrics.ts');
    recordMetric('SmsPending', 3);
    expect(write).not.toHaveBeenCalled();
  });
});
