import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, walk } from '../../../functions/domain/policy.ts';
import { renderRulesReport, sourceKind } from '../../../functions/domain/rules/report.ts';
import { POLICY_TREE } from '../../../schemas/policy-rules.ts';
import { RULES_DOC_PATH, rulesReport } from '../../support/write-rules-report.ts';

describe('the rules report', () => {
  it('docs/rules.md is exactly what `npm run rules -- --write` generates (run it after changing a value)', () => {
    expect(readFileSync(RULES_DOC_PATH, 'utf8')).toBe(rulesReport({}));
  });

  it('lists every value of the defaults with each of its dates, and marks each DEMO DEFAULT', () => {
    const doc = renderRulesReport([{ title: 'Defaults', about: '', rules: DEFAULT_RULES }]);
    let demo = 0;
    walk(POLICY_TREE, DEFAULT_RULES as never, [], (path, _leaf, list) => {
      expect(doc).toContain(`### \`${path.join('.')}\``);
      for (const e of list) {
        expect(doc).toContain(`| ${e.validFrom} |`);
        if (sourceKind(e.source) === 'DEMO DEFAULT') demo++;
      }
    });
    expect(demo).toBeGreaterThan(0);
    expect(doc.match(/\| \*\*DEMO DEFAULT\*\* \|/g)?.length).toBe(demo);
    expect(doc).toContain(`${demo} DEMO DEFAULT (no source found)`);
  });

  it('says until when an entry holds: the day before the next', () => {
    const rules = { applicationMonthsAhead: [...DEFAULT_RULES.applicationMonthsAhead, { validFrom: '2027-03-01', value: 3, source: 'DEMO DEFAULT: x' }] };
    expect(renderRulesReport([{ title: 'City', about: '', rules }])).toContain('| 2025-01-01 | 2027-02-28 | 6 |');
  });

  it('the demo city appears as its own layer', () => {
    expect(rulesReport({})).toContain('## City settings: functions/domain/rules/cities/441900-dongguan.json');
  });
});
