import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDepartmentClient } from '../../../functions/departments/client.ts';
import { startDepartmentStandins, type DepartmentStandins } from '../../../infra/local/department-standins.ts';
import type { CitizenRecord } from '../../../schemas/department-record.ts';
import { demoRecords } from '../../support/demo-records.ts';
import { TEST_DEPARTMENT_KEY, testSigningKey } from '../../support/department-key.ts';

// Three people from the demo file, as the fixtures format allows them: a one-child parent, a `health` without the
// flag, and no `health` at all (the health commission holds nothing of them).
const demo = [...demoRecords().values()];
const parent = demo.find((r) => r.health?.onlyChildParent === true)!;
const base = demo.find((r) => r.health?.onlyChildParent === false)!;
const noFlag: CitizenRecord = { ...base, idNumber: '110101199003077777', health: {} };
const noRecord: CitizenRecord = { ...base, idNumber: '110101199003078998', health: undefined };
const records = new Map([parent, noFlag, noRecord].map((r) => [r.idNumber, r]));

let s: DepartmentStandins;
beforeAll(async () => {
  s = await startDepartmentStandins({ records, signingKey: TEST_DEPARTMENT_KEY });
});
afterAll(() => s.stop());

describe('the health commission stand-in (卫健), through the department client', () => {
  const client = () => createDepartmentClient({ baseUrl: s.baseUrl, callingSystem: 'test', signingKey: testSigningKey });

  it.each([
    ['a one-child parent', parent.idNumber, { onlyChildParent: true }],
    ['a record without the flag answers false', noFlag.idNumber, { onlyChildParent: false }],
    ['no health record is no answer (404)', noRecord.idNumber, undefined],
    ['an unknown person is no answer (404)', '000000000000000000', undefined],
  ])('%s', async (_what, idNumber, expected) => {
    expect(await client().health('RT20261124AAAAAA', idNumber)).toEqual(expected);
  });

  it('a malformed answer is refused, never taken', async () => {
    s.setFault('health', { mode: 'malformed' });
    try {
      await expect(client().health('RT20261124AAAAAA', parent.idNumber)).rejects.toMatchObject({ name: 'DepartmentResponseInvalid', department: 'health' });
    } finally {
      s.setFault('health', { mode: 'up' });
    }
  });

  it('an outage is DepartmentUnavailable, which the workflow retries', async () => {
    s.setUnavailable('health', true);
    try {
      await expect(client().health('RT20261124AAAAAA', parent.idNumber)).rejects.toMatchObject({ name: 'DepartmentUnavailable', status: 503 });
    } finally {
      s.setUnavailable('health', false);
    }
  });
});
