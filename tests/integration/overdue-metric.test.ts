/**
 * The CasesOverdue metric the overdue alarm watches (infra/aws/alarms.ts): each deadline sweep records how many
 * overdue alerts it raised, through the real stack and the real sweep.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { PRODUCT_METRICS } from '../../functions/shared/metric-names.ts';
import { applicationFor, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = new Map((JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[]).map((c) => [c.idNumber, c]));
const LIN = demo.get('441900197108030169');

describe('the overdue metric', () => {
  let stack: TestStack | undefined;
  afterAll(async () => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    await stack?.close();
  });

  it('counts the overdue alerts each sweep raised: 0 while due soon, 1 on the day it turns overdue, 0 on the next run', async () => {
    // As on AWS: metrics on (the embedded hosting turns them off only when nobody said otherwise).
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    stack = await startTestStack({ clockToday: '2026-12-01', deadlineSweepIntervalMs: 3_600_000 });
    const { client } = stack;
    const token = await client.token('citizen', { idNumber: LIN.idNumber });
    const booked = await client.post('/v1/bookings', { idNumber: LIN.idNumber, name: LIN.name, phone: LIN.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    const caseNumber: string = booked.body.caseNumber;
    // A name that differs from the register: pre-review waits for a person, promised within 1 working day.
    const form = applicationFor({ ...LIN, name: `${LIN.name} 女士` }, { type: 'normal', requestedMonth: '2027-01', originalRetirementAge: 55 });
    expect((await client.post(`/v1/cases/${caseNumber}/application`, form, token)).status).toBe(202);
    await client.waitForCase(caseNumber, token, (c) => c.status === 'PRE_REVIEW' && c.sla?.state === 'DUE_SOON');

    const sweepMetric = async (): Promise<number[]> => {
      const lines: string[] = [];
      const write = process.stdout.write.bind(process.stdout);
      const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: any[]) => {
        lines.push(String(chunk));
        return write(chunk, ...rest);
      });
      await stack!.deadlines.once();
      spy.mockRestore();
      return lines
        .flatMap((l) => l.split('\n'))
        .filter((l) => l.includes('"_aws"'))
        .map((l) => JSON.parse(l))
        .filter((o) => PRODUCT_METRICS.casesOverdue in o)
        .map((o) => o[PRODUCT_METRICS.casesOverdue]);
    };

    expect(await sweepMetric()).toEqual([0]);
    stack.setToday('2026-12-03');
    expect(await sweepMetric()).toEqual([1]);
    expect(await sweepMetric()).toEqual([0]);
  }, 180_000);
});
