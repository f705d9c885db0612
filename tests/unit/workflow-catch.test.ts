/**
 * No stranded case: every Task state of the case workflow (except MarkNeedsAttention itself) has a Catch-all to
 * MarkNeedsAttention, after its Retry, naming itself under $.failure. The machine work between two waits runs as
 * a child workflow (case-steps): there each step but the department checks catches its own failure the same way
 * (MarkNeedsAttention, then the run hands back NEEDS_ATTENTION). A check that fails for good is caught in its own
 * branch and named silent; Decide records the answers that came and the run fails, which RunCase runs again, then
 * hands the silent departments to RecordUnavailable (a person decides).
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
  Parameters?: Record<string, unknown>;
  Choices?: Array<{ Variable: string; IsPresent?: boolean; StringEquals?: string; Next: string }>;
  ErrorPath?: string;
  Branches?: Array<{ StartAt: string; States: Record<string, State> }>;
}
const read = (file: string) => JSON.parse(readFileSync(new URL(`../../workflows/${file}`, import.meta.url), 'utf8')) as { States: Record<string, State> };
const asl = read('retirement-case.asl.json');
const steps = read('case-steps.asl.json');
const DEPARTMENT_CHECKS = ['CheckHr', 'CheckTax', 'CheckMedical', 'CheckHousingFund', 'CheckHealth'];
const START_CHILD = 'arn:aws:states:::states:startExecution.sync:2';

const topLevelGuarded = Object.entries(asl.States).filter(([name, st]) => (st.Type === 'Task' || st.Type === 'Parallel') && name !== 'MarkNeedsAttention');
const branches = Object.values(steps.States).flatMap((st) => st.Branches ?? []);
const childTasks = branches.map((b) => [b.StartAt, b.States[b.StartAt]!] as const);
const stepsGuarded = Object.entries(steps.States).filter(([name, st]) => st.Type === 'Task' && name !== 'MarkNeedsAttention');
/** What a run of case-steps may hand back: the outcome of each of its end states. */
const handedBack = Object.values(steps.States)
  .filter((st) => st.End)
  .map((st) => (st as State & { Parameters?: { outcome?: string } }).Parameters?.outcome);

describe('every Task state leads to MarkNeedsAttention when it fails for good', () => {
  it('finds the states it checks', () => {
    expect(topLevelGuarded.map(([n]) => n)).toEqual(
      expect.arrayContaining(['WaitForApplication', 'ExpireCase', 'RunCase', 'Conclude', 'RecordUnavailable', 'WaitForManualReview']),
    );
    expect(topLevelGuarded).toHaveLength(8);
    expect(stepsGuarded.map(([n]) => n).sort()).toEqual(['Decide', 'PreReview', 'Seal']);
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

  it('RunCase runs a failed run again, then hands it to RecordUnavailable, and the case is concluded from what it holds', () => {
    const st = asl.States.RunCase!;
    expect(st.Resource).toBe(START_CHILD);
    expect(st.Retry?.some((r) => r.ErrorEquals.includes('States.TaskFailed'))).toBe(true);
    expect(st.Retry?.some((r) => r.ErrorEquals.includes('StepFunctions.AWSStepFunctionsException'))).toBe(true);
    expect(st.Catch?.[0]).toMatchObject({ ErrorEquals: expect.arrayContaining(['States.TaskFailed']), Next: 'RecordUnavailable' });
    expect(asl.States.RecordUnavailable!.Next).toBe('Conclude');
    expect(st.Next).toBe('CaseRoute');
  });

  it('Conclude, which RecordUnavailable leads to, cannot lead back to it: a run that fails there needs attention', () => {
    const st = asl.States.Conclude!;
    expect(st.Resource).toBe(START_CHILD);
    expect(st.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure.Conclude', Next: 'MarkNeedsAttention' }]);
  });

  it('every outcome a run hands back is routed by CaseRoute to a state of its own', () => {
    const route = asl.States.CaseRoute! as State & { Choices: { StringEquals: string; Next: string }[] };
    expect(handedBack.sort()).toEqual(['MANUAL_REVIEW', 'NEEDS_ATTENTION', 'PRE_REVIEW_BY_STAFF', 'SEALED', 'WITHDRAWN']);
    expect(route.Choices.map((c) => c.StringEquals).sort()).toEqual(handedBack);
    expect(Object.fromEntries(route.Choices.map((c) => [c.StringEquals, asl.States[c.Next]!.Type]))).toEqual({
      SEALED: 'Succeed',
      WITHDRAWN: 'Succeed',
      PRE_REVIEW_BY_STAFF: 'Task',
      MANUAL_REVIEW: 'Task',
      NEEDS_ATTENTION: 'Fail',
    });
  });

  it.each(stepsGuarded)('case-steps %s: retries transient errors, then MarkNeedsAttention of the run names it under $.failure', (name, st) => {
    expect(st.Retry?.[0]?.ErrorEquals).toContain('TransientStoreError');
    expect(st.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: `$.failure.${name}`, Next: 'MarkNeedsAttention' }]);
  });

  it.each(childTasks)('%s retries transient errors, then its branch names the department silent, with the error', (name, st) => {
    expect(st.Retry?.[0]?.ErrorEquals).toEqual(expect.arrayContaining(['TransientStoreError', 'DepartmentUnavailable']));
    expect(st.End).toBe(true);
    expect(st.Catch).toHaveLength(1);
    const { ErrorEquals, ResultPath, Next } = st.Catch![0]!;
    expect({ ErrorEquals, ResultPath }).toEqual({ ErrorEquals: ['States.ALL'], ResultPath: '$.error' });
    const branch = branches.find((b) => b.StartAt === name)!;
    expect(Object.keys(branch.States).sort()).toEqual([name, Next].sort());
    const silent = branch.States[Next]!;
    expect(silent.Type).toBe('Pass');
    expect(silent.End).toBe(true);
    expect(silent.Parameters).toEqual({ department: expect.any(String), silent: true, 'error.$': '$.error.Error' });
    expect(name.toLowerCase()).toBe(`check${String(silent.Parameters?.department).toLowerCase()}`);
  });

  it('a silent department makes Decide fail the run under its error, so RunCase runs it again', () => {
    expect(steps.States.AskDepartments!.Next).toBe('Decide');
    const route = steps.States[steps.States.Decide!.Next!]!;
    const toFail = route.Choices?.find((c) => c.Variable === '$.decision.silent');
    expect(toFail?.IsPresent).toBe(true);
    expect(route.Choices?.[0]).toBe(toFail);
    const fail = steps.States[toFail!.Next]!;
    expect(fail.Type).toBe('Fail');
    expect(fail.ErrorPath).toBe('$.decision.error');
  });

  it('MarkNeedsAttention of a run has no Catch and hands back NEEDS_ATTENTION', () => {
    const mark = steps.States.MarkNeedsAttention!;
    expect(mark.Catch).toBeUndefined();
    expect((steps.States[mark.Next!] as State & { Parameters?: unknown }).Parameters).toEqual({ outcome: 'NEEDS_ATTENTION' });
  });

  it('MarkNeedsAttention retries transient errors, has no Catch, and ends the execution in a Fail state', () => {
    const mark = asl.States.MarkNeedsAttention!;
    expect(mark.Type).toBe('Task');
    expect(mark.Retry?.[0]?.ErrorEquals).toContain('TransientStoreError');
    expect(mark.Catch).toBeUndefined();
    expect(asl.States[mark.Next!]!.Type).toBe('Fail');
  });
});
