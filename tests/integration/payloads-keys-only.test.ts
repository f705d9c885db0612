/**
 * Step Functions keeps every execution's payloads in its history and, with logging on, in CloudWatch: so what a
 * step hands back to the workflow must carry keys and outcomes only. Every demo person's case runs through the
 * real embedded stack while the engine reports each Task's output; none may carry a value that identifies the
 * person or says what a department holds (ID number, name, phone, bank account, and every account number or
 * amount the departments answered with, as the case view shows them after the fact).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCENARIOS } from '../support/demo-scenarios.ts';
import { applicationFor, bookAndSubmit, DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const demo = JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[];
const byId = new Map(demo.map((c) => [c.idNumber, c]));
const settled = (c: any) => ['COMPLETED', 'MANUAL_REVIEW', 'EXPIRED'].includes(c.status);
const CHECK_STATES = ['CheckHr', 'CheckTax', 'CheckMedical', 'CheckHousingFund', 'CheckHealth'];

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
      // The four checks ran and each handed back exactly its department and outcome.
      const checks = seen.filter((s) => CHECK_STATES.includes(s.state));
      expect(checks.map((s) => s.state).sort()).toEqual([...CHECK_STATES].sort());
      for (const s of checks) expect(Object.keys(s.output as object).sort()).toEqual(['department', 'outcome']);

      const secrets = [
        person.idNumber,
        person.name,
        person.phone,
        applicationFor(person, { type: row.type, requestedMonth: row.month, originalRetirementAge: 60 }).bankAccount.accountNo,
        ...Object.values(c.departments).flatMap((d: any) => revealingValues(d.details)),
      ];
      expect(secrets.length).toBeGreaterThan(4);
      // Whole values only: a figure such as 240 may well occur inside a case number or a timestamp.
      const leaves = leafTexts(seen);
      expect(secrets.filter((secret) => leaves.some((leaf) => containsWhole(leaf, secret)))).toEqual([]);
    });
  }
});
