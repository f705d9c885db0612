import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { synth } from './support/synth.ts';

interface Report {
  pluginReports: Array<{ pluginName: string; conclusion: string; violations: Array<{ ruleName: string; severity: string }> }>;
}

/*
 * cdk-nag 3 reports through CDK's Validations (the policy validation report, and a synth that throws
 * in memory), not through construct Annotations: so these tests read the report and the synth result.
 */
describe('cdk-nag AwsSolutions', () => {
  it('leaves no unacknowledged error: synth succeeds and the validation report has no errors', () => {
    const s = synth();
    const report = JSON.parse(readFileSync(join(s.outdir, 'validation-report.json'), 'utf8')) as Report;
    const errors = report.pluginReports.flatMap((p) => p.violations.filter((v) => v.severity === 'error' || v.severity === 'fatal'));
    expect(errors).toEqual([]);
    expect(report.pluginReports.every((p) => p.conclusion === 'success')).toBe(true);
  });

  it('does fail the synth on a finding nobody acknowledged', () => {
    expect(() =>
      synth({}, (stack) => {
        new Bucket(stack, 'CarelessBucket');
      }),
    ).toThrow(/AwsSolutions-S(1|10)/);
  });

  it('warns when deployment context is left to placeholders', () => {
    const s = synth({ departmentsBaseUrl: '', jwtIssuer: '', jwtJwksUrl: '' });
    const report = JSON.parse(readFileSync(join(s.outdir, 'validation-report.json'), 'utf8')) as Report;
    const warnings = report.pluginReports.flatMap((p) => p.violations.filter((v) => v.severity === 'warning').map((v) => v.ruleName));
    expect(warnings).toEqual(expect.arrayContaining(['departmentsBaseUrl', 'jwtIssuer', 'jwtJwksUrl'].map((k) => `Annotation::retireone:context:${k}`)));
  });
});
