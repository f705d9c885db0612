import { describe, expect, it } from 'vitest';
import { DEPARTMENT_KEYS } from '../../schemas/department-result.ts';
import { DEPARTMENT_NAMES } from '../../schemas/departments.ts';
import { ISSUING_BODY_NAMES } from '../../schemas/notice.ts';

// The pages are plain browser modules and cannot import the schemas: their copy must say the same.
const PAGES_MODULE = '../../web/lib/api.js';
const { DEPARTMENT_ZH } = (await import(PAGES_MODULE)) as { DEPARTMENT_ZH: Record<string, string> };

describe('department names are spelled once', () => {
  it('names every department the checks know, and no other', () => {
    expect(Object.keys(DEPARTMENT_NAMES).sort()).toEqual([...DEPARTMENT_KEYS].sort());
  });

  it('the pages name each department as the schema does', () => {
    expect(DEPARTMENT_ZH).toEqual(Object.fromEntries(DEPARTMENT_KEYS.map((k) => [k, DEPARTMENT_NAMES[k].citizen])));
  });

  it('each issuing body is named on its seal as its department is on the papers', () => {
    const issuing = DEPARTMENT_KEYS.flatMap((k) => {
      const body = DEPARTMENT_NAMES[k].issuingBody;
      return body ? [[k, body] as const] : [];
    });
    expect(issuing.map(([k]) => k)).toEqual(['hr', 'medical', 'housingFund', 'health']);
    for (const [k, body] of issuing) expect(ISSUING_BODY_NAMES[body], k).toBe(DEPARTMENT_NAMES[k].body);
    expect(Object.keys(ISSUING_BODY_NAMES).sort()).toEqual(['health', 'housing-fund', 'hr', 'medical', 'one-stop']);
  });
});
