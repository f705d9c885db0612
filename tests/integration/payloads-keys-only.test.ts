/**
 * Step Functions keeps a Standard execution's payloads in its history for 90 days: so what a step hands back to
 * the case workflow must carry keys and outcomes only. An Express run keeps no history, and its logs leave the
 * execution data out (tests/infra/workflow.test.ts), so inside the case steps a check may hand its department's
 * answer to Decide, which records it, and the pre-review may hand the checks and Decide the case as it left it,
 * sealed (functions/steps/case-snapshot.ts). Every demo person's case runs through the real embedded stack while the
 * engine reports each Task's output. No output may carry what identifies the person (ID number, name, phone, bank
 * account), and none but a check's `result` may carry what a department holds (every account number or amount the
 * departments answered with, as the case view shows them after the fact).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCENARIOS } from '../support/demo-scenarios.ts';
import { applicationFor, bookAndSubmit, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[];
const byId = new Map(demo.map((c) => [c.idNumber, c]));
const settled = (c: any) => ['COMPLETED', 'MANUAL_REVIEW', 'EXPIRED'].includes(c.status);
const CHECK_STATES = ['CheckHr', 'CheckTax', 'CheckMedical', 'CheckHousingFund', 'CheckHealth'];

/** Every state of the case steps (the Express run), branches included. */
function statesOf(definition: { States: Record<string, any> }): string[] {
  return Object.entries(definition.States).flatMap(([name, s]) => [name, ...(s.Branches ?? []).flatMap(statesOf)]);
}
const EXPRESS_STATES = new Set(statesOf(JSON.parse(readFileSync(new URL('../../workflows/case-steps.asl.json', import.meta.url), 'utf8'))));

/** Every leaf of the departments' details worth hiding: numbers of three digits or more, strings of six characters or more. */
function revealingValues(details: unknown): string[] {
  if (typeof details === 'number') return Math.abs(details) >= 100 ? [String(details)] : [];
  if (typeof details === 'string') return details.length >= 6 && !/^\d{4}-\d{2}(-\d{2})?(T.*)?$/.test(details) ? [details] : [];
  if (details && typeof details === 'object') return Object.values(details).flatMap(revealingValues);
  return [];
}

function leafTexts(v: unknown): string[] {
  if (typeof v === 'string' || typeof v === 'number') return [String(v)];
  if (v && typeof v === 'object') return [...Object.keys(v), ...Object.values(v).flatMap(leafTexts)];
  return [];
}

/** `secret` appears in `text` not as part of a longer run of digits (or of letters, for words). */
function containsWhole(text: string, secret: string): boolean {
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^0-9A-Za-z])${escaped}([^0-9A-Za-z]|$)`).test(text) || (!/^\d+$/.test(secret) && text.includes(secret));
}

function monthBefore(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${m === 1 ? `${y! - 1}-12` : `${y}-${String(m! - 1).padStart(2, '0')}`}-15`;
}

describe('workflow payloads carry keys and outcomes only', () => {
  let stack: TestStack;
  const outputs = new Map<string, { state: string; output: unknown }[]>();

  beforeAll(async () => {
    stack = await startTestStack();
    stack.engine.onTaskOutput = ({ caseNumber, state, output }) => {
      outputs.set(caseNumber, [...(outputs.get(caseNumber) ?? []), { state, output }]);
    };
  });
  afterAll(() => stack?.close());

  for (const row of DEMO_SCENARIOS) {
    const person = byId.get(row.id);
    it(`${person.name}: no step output names the person or what the departments hold`, async () => {
      const { client } = stack;
      stack.setToday(monthBefore(row.month));
      const token = await client.token('citizen', { idNumber: row.id });
      const caseNumber = await bookAndSubmit(client, token, person, {
        type: row.type,
        requestedMonth: row.month,
        originalRetirementAge: person.hr.originalRetirementAge,
      });
      const c = await client.waitForCase(caseNumber, token, settled);

      const seen = outputs.get(caseNumber) ?? [];
      // The checks ran in the Express run, and each asked department handed Decide its answer with its outcome.
      const checks = seen.filter((s) => CHECK_STATES.includes(s.state));
      expect(checks.map((s) => s.state).sort()).toEqual([...CHECK_STATES].sort());
      expect(CHECK_STATES.every((s) => EXPRESS_STATES.has(s))).toBe(true);
      // A department that does not take part here answers NOT_APPLICABLE without being asked, and hands over nothing.
      const checkOutputs = checks.map((s) => s.output as any);
      for (const o of checkOutputs) {
        if (o.result === undefined) expect(o).toEqual({ department: o.department, outcome: 'NOT_APPLICABLE' });
        else {
          expect(Object.keys(o).sort()).toEqual(['department', 'outcome', 'result']);
          expect(o.result.outcome).toBe(o.outcome);
        }
      }
      expect(checkOutputs.filter((o) => o.result !== undefined).length).toBeGreaterThanOrEqual(4);
      // The case as it stands, the pre-review hands on to the checks and Decide sealed, and only for a case they will check.
      const preReview = seen.find((s) => s.state === 'PreReview')!.output as { outcome: string; snapshot: string | null };
      expect(Object.keys(preReview).sort()).toEqual(['outcome', 'snapshot']);
      expect(preReview.snapshot ?? `v1.local.${preReview.outcome}.not.passed`).toMatch(
        preReview.outcome === 'PASS' ? /^v1\.local\.[\w-]+\.[\w-]+\.[\w-]+$/ : /^v1\.local\.(MANUAL|FAIL)\.not\.passed$/,
      );

      const identifiers = [
        person.idNumber,
        person.name,
        person.phone,
        applicationFor(person, { type: row.type, requestedMonth: row.month, originalRetirementAge: 60 }).bankAccount.accountNo,
      ];
      const held = Object.values(c.departments).flatMap((d: any) => revealingValues(d.details));
      expect(held.length).toBeGreaterThan(0);
      const outsideAnswers = seen.map((s) => (CHECK_STATES.includes(s.state) ? { ...(s.output as object), result: undefined } : s.output));
      // Whole values only: a figure such as 240 may well occur inside a case number or a timestamp.
      const found = (secrets: string[], outputs: unknown[]) => {
        const leaves = leafTexts(outputs);
        return secrets.filter((secret) => leaves.some((leaf) => containsWhole(leaf, secret)));
      };
      expect(
        found(
          identifiers,
          seen.map((s) => s.output),
        ),
      ).toEqual([]);
      expect(found(held, outsideAnswers)).toEqual([]);
    });
  }
});
