/**
 * Context `policyOverrides` is checked at synth with the schema `npm start` uses (schemas/policy-rules.ts through
 * functions/shared/policy-config.ts): a value the functions would refuse at start fails `cdk synth`, naming the field.
 */
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../infra/aws/config.ts';
import { synth, TEST_CONTEXT } from './support/synth.ts';

const dated = (value: unknown) => [{ validFrom: '2026-01-01', value, source: 'DEMO DEFAULT: a test city' }];
const config = (policyOverrides: unknown) => readConfig(new App({ context: { ...TEST_CONTEXT, policyOverrides } }).node);

describe('context policyOverrides', () => {
  it.each([
    ['a bare number where a dated list belongs', { medical: { topUpBaseFen: 720000 } }, 'medical.topUpBaseFen'],
    ['a bare boolean for the health commission’s part', { health: { takesPart: false } }, 'health.takesPart'],
    ['a dated value without its source', { medical: { topUpBaseFen: [{ validFrom: '2026-01-01', value: 720000 }] } }, 'medical.topUpBaseFen[0].source'],
  ])('fails cdk synth on %s, naming the field', (_what, overrides, field) => {
    expect(() => synth({ policyOverrides: JSON.stringify(overrides) })).toThrow(field);
    expect(() => config(overrides)).toThrow(/context policyOverrides: POLICY_OVERRIDES does not fit the policy rules/);
  });

  it('refuses text that is not JSON', () => {
    expect(() => config('{medical:')).toThrow();
  });

  it('takes dated values of the rules’ shape, as JSON text or as an object, and hands them on unchanged', () => {
    const good = { medical: { topUpBaseFen: dated(720000) }, health: { takesPart: dated(false) } };
    expect(JSON.parse(config(JSON.stringify(good)).policyOverrides!)).toEqual(good);
    expect(JSON.parse(config(good).policyOverrides!)).toEqual(good);
    expect(config(undefined).policyOverrides).toBeUndefined();
  });
});
