/**
 * No stranded case: every Task state (except the four department checks, whose Catch leads to their
 * Record*Unavailable, and MarkNeedsAttention itself) has a Catch-all to MarkNeedsAttention, after its
 * Retry, naming itself under $.failure; a Task inside a Parallel branch is covered by the Parallel's Catch.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface State {
  Type: string;
  Resource?: string;
  Next?: string;
  Retry?: Array<{ ErrorEquals: string[] }>;
  Catch?: Array<{ ErrorEquals: string[]; ResultPath?: string; Next: string }>;
  Branches?: Array<{ StartAt: string; States: Record<string, State> }>;
}
const asl = JSON.parse(readFileSync(new URL('../../workflows/retirement-case.asl.json', import.meta.url), 'utf8')) as { States: Record<string, State> };
const DEPARTMENT_CHECKS = ['CheckHr', 'CheckTax', 'CheckMedical', 'CheckHousingFund', 'CheckHealth'];

const topLevelGuarded = Object.entries(asl.States).filter(([name, st]) => (st.Type === 'Task' || st.Type === 'Parallel') && name !== 'MarkNeedsAttention');
const branchTasks = Object.entries(asl.States)
  .filter(([, st]) => st.Type === 'Parallel')
  .flatMap(([parallel, st]) =>
    st.Branches!.flatMap((b) =>
      Object.entries(b.States)
        .filter(([name, inner]) => inner.Type === 'Task' && !DEPARTMENT_CHECKS.includes(name))
        .map(([name]) => [name, parallel] as const),
    ),
  );

describe('every Task state leads to MarkNeedsAttention when it fails for good', () => {
  it('finds the states it checks', () => {
    expect(topLevelGuarded.map(([n]) => n)).toEqual(
      expect.arrayContaining(['WaitForApplication', 'ExpireCase', 'PreReview', 'CheckDepartments', 'Decide', 'Seal', 'Notify']),
    );
    expect(topLevelGuarded).toHaveLength(10);
    expect(branchTasks).toHaveLength(5);
  });

  it.each(topLevelGuarded)('%s: its last Catch is States.ALL → MarkNeedsAttention with ResultPath $.failure.<its name>', (name, st) => {
    const last = st.Catch?.at(-1);
    expect(last).toEqual({ ErrorEquals: ['States.ALL'], ResultPath: `$.failure.${name}`, Next: 'MarkNeedsAttention' });
  });

  it.each(topLevelGuarded.filter(([, st]) => st.Type === 'Task'))('%s keeps its Retry: transient errors are retried before the Catch', (_name, st) => {
    expect(st.Retry?.[0]?.ErrorEquals).toContain('TransientStoreError');
  });

  it.each(branchTasks)('%s sits in %s, whose Catch leads to MarkNeedsAttention', (_name, parallel) => {
    expect(asl.States[parallel]!.Catch).toContainEqual({ ErrorEquals: ['States.ALL'], ResultPath: `$.failure.${parallel}`, Next: 'MarkNeedsAttention' });
  });

  it('MarkNeedsAttention retries transient errors, has no Catch, and ends the execution in a Fail state', () => {
    const mark = asl.States.MarkNeedsAttention!;
    expect(mark.Type).toBe('Task');
    expect(mark.Retry?.[0]?.ErrorEquals).toContain('TransientStoreError');
    expect(mark.Catch).toBeUndefined();
    expect(asl.States[mark.Next!]!.Type).toBe('Fail');
  });
});
