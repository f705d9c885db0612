/**
 * No stranded case: every Task state of the case workflow (except MarkNeedsAttention itself) has a Catch-all to
 * MarkNeedsAttention, after its Retry, naming itself under $.failure. The department checks run as a child
 * workflow: a check that fails for good fails that run, which CheckDepartments runs again, then hands the silent
 * departments to RecordUnavailable (a person decides), and anything else to MarkNeedsAttention.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface State {
  Type: string;
  Resource?: string;
  Next?: string;
  End?: boolean;
  Retry?: Array<{ ErrorEquals: string[] }>;
  Catch?: Array<{ ErrorEquals: string[]; ResultPath?: string; Next: string }>;
  Branches?: Array<{ StartAt: string; States: Record<string, State> }>;
}
const read = (file: string) => JSON.parse(readFileSync(new URL(`../../workflows/${file}`, import.meta.url), 'utf8')) as { States: Record<string, State> };
const asl = read('retirement-case.asl.json');
const checks = read('department-checks.asl.json');
const DEPARTMENT_CHECKS = ['CheckHr', 'CheckTax', 'CheckMedical', 'CheckHousingFund', 'CheckHealth'];
const START_CHILD = 'arn:aws:states:::states:startExecution.sync:2';

const topLevelGuarded = Object.entries(asl.States).filter(([name, st]) => (st.Type === 'Task' || st.Type === 'Parallel') && name !== 'MarkNeedsAttention');
const childTasks = Object.values(checks.States).flatMap((st) => (st.Branches ?? []).flatMap((b) => Object.entries(b.States)));

describe('every Task state leads to MarkNeedsAttention when it fails for good', () => {
  it('finds the states it checks', () => {
    expect(topLevelGuarded.map(([n]) => n)).toEqual(
      expect.arrayContaining(['WaitForApplication', 'ExpireCase', 'PreReview', 'CheckDepartments', 'RecordUnavailable', 'Decide', 'Seal', 'Notify']),
    );
    expect(topLevelGuarded).toHaveLength(11);
    expect(childTasks.map(([n]) => n).sort()).toEqual([...DEPARTMENT_CHECKS].sort());
  });

  it.each(topLevelGuarded)('%s: its last Catch is States.ALL → MarkNeedsAttention with ResultPath $.failure.<its name>', (name, st) => {
    const last = st.Catch?.at(-1);
    expect(last).toEqual({ ErrorEquals: ['States.ALL'], ResultPath: `$.failure.${name}`, Next: 'MarkNeedsAttention' });
  });

  it.each(topLevelGuarded.filter(([, st]) => st.Type === 'Task' && st.Resource !== START_CHILD))(
    '%s keeps its Retry: transient errors are retried before the Catch',
    (_name, st) => {
      expect(st.Retry?.[0]?.ErrorEquals).toContain('TransientStoreError');
    },
  );

  it('CheckDepartments runs a failed run of the checks again, then hands it to RecordUnavailable, which decides nothing itself', () => {
    const st = asl.States.CheckDepartments!;
    expect(st.Resource).toBe(START_CHILD);
    expect(st.Retry?.some((r) => r.ErrorEquals.includes('States.TaskFailed'))).toBe(true);
    expect(st.Retry?.some((r) => r.ErrorEquals.includes('StepFunctions.AWSStepFunctionsException'))).toBe(true);
    expect(st.Catch?.[0]).toMatchObject({ ErrorEquals: expect.arrayContaining(['States.TaskFailed']), Next: 'RecordUnavailable' });
    expect(asl.States.RecordUnavailable!.Next).toBe('Decide');
    expect(st.Next).toBe('DecisionRoute');
  });

  it.each(childTasks)('%s retries transient errors and has no Catch: what fails for good fails the run', (_name, st) => {
    expect(st.Retry?.[0]?.ErrorEquals).toEqual(expect.arrayContaining(['TransientStoreError', 'DepartmentUnavailable']));
    expect(st.Catch).toBeUndefined();
    expect(st.End).toBe(true);
  });

  it('the checks workflow’s Decide retries transient errors and has no Catch: what fails there fails the run', () => {
    const decide = checks.States.Decide!;
    expect(decide.Retry?.[0]?.ErrorEquals).toContain('TransientStoreError');
    expect(decide.Catch).toBeUndefined();
    expect(decide.End).toBe(true);
  });

  it('MarkNeedsAttention retries transient errors, has no Catch, and ends the execution in a Fail state', () => {
    const mark = asl.States.MarkNeedsAttention!;
    expect(mark.Type).toBe('Task');
    expect(mark.Retry?.[0]?.ErrorEquals).toContain('TransientStoreError');
    expect(mark.Catch).toBeUndefined();
    expect(asl.States[mark.Next!]!.Type).toBe('Fail');
  });
});
