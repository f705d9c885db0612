import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZERO_USAGE, costOfCase, linesFor, totalOf, wakesWhileWaiting, type Usage, type WaitForForm } from '../../bench/cost-model.ts';
import { PRICES } from '../../bench/prices.ts';
import { expressBilledGbSeconds, unitsOf } from '../../bench/usage-meter.ts';

/** A small fixed counting: every line has something to price. */
const COUNTED: Usage = {
  transitions: 9,
  expressRequests: 1,
  expressGbSeconds: 0.04,
  lambdaInvocations: 18,
  lambdaGbSeconds: 2.5,
  dynamoReadUnits: 30,
  dynamoWriteUnits: 120,
  kmsSigns: 4,
  s3Puts: 4,
  s3Gets: 4,
  apiRequests: 8,
};
const LINE_OF: Record<keyof Usage, keyof ReturnType<typeof linesFor>> = {
  transitions: 'transitions',
  expressRequests: 'express',
  expressGbSeconds: 'express',
  lambdaInvocations: 'lambda',
  lambdaGbSeconds: 'lambda',
  dynamoReadUnits: 'dynamodb',
  dynamoWriteUnits: 'dynamodb',
  kmsSigns: 'kms',
  s3Puts: 's3',
  s3Gets: 's3',
  apiRequests: 'api',
};
const SIX_HOURS: WaitForForm = {
  wakeEverySeconds: 21_600,
  perWake: { ...ZERO_USAGE, transitions: 3, lambdaInvocations: 2, dynamoReadUnits: 2, dynamoWriteUnits: 1 },
};

describe('cost per 1,000 cases', () => {
  it('prices each line as count × unit price × 1,000', () => {
    const lines = linesFor(COUNTED, PRICES);
    expect(lines.transitions).toBeCloseTo(9 * PRICES.stateTransition.usd * 1000, 12);
    expect(lines.express).toBeCloseTo((1 * PRICES.expressRequest.usd + 0.04 * PRICES.expressGbSecond.usd) * 1000, 12);
    expect(lines.kms).toBeCloseTo(4 * PRICES.kmsSign.usd * 1000, 12);
    expect(lines.api).toBeCloseTo(8 * PRICES.httpApiRequest.usd * 1000, 12);
    expect(lines.dynamodb).toBeCloseTo((30 * PRICES.dynamoReadUnit.usd + 120 * PRICES.dynamoWriteUnit.usd) * 1000, 12);
    expect(totalOf(lines)).toBeCloseTo(
      Object.values(lines).reduce((a, b) => a + b, 0),
      12,
    );
  });

  it('doubling one count doubles its share of its line and leaves every other line as it was', () => {
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(COUNTED) as (keyof Usage)[])), (key) => {
        const before = linesFor(COUNTED, PRICES);
        const doubled = linesFor({ ...COUNTED, [key]: COUNTED[key] * 2 }, PRICES);
        const share = linesFor({ ...ZERO_USAGE, [key]: COUNTED[key] }, PRICES)[LINE_OF[key]];
        for (const line of Object.keys(before) as (keyof typeof before)[]) {
          if (line === LINE_OF[key]) expect(doubled[line]).toBeCloseTo(before[line] + share, 12);
          else expect(doubled[line]).toBe(before[line]);
        }
      }),
    );
  });

  it('a 6-hour wake loop adds one wake-up per 6 hours of waiting, each priced as its own usage', () => {
    expect(wakesWhileWaiting(SIX_HOURS, 86_400)).toBe(3);
    expect(wakesWhileWaiting(SIX_HOURS, 25 * 86_400)).toBe(99);
    const day1 = costOfCase(COUNTED, SIX_HOURS, 1, PRICES);
    const day25 = costOfCase(COUNTED, SIX_HOURS, 25, PRICES);
    const oneWake = totalOf(linesFor(SIX_HOURS.perWake, PRICES));
    expect(day25.totalUsd - day1.totalUsd).toBeCloseTo(96 * oneWake, 10);
    expect(day25.usage.transitions).toBe(COUNTED.transitions + 99 * 3);
  });

  it('one wait until the deadline costs the same whatever day the form comes', () => {
    const once: WaitForForm = { wakeEverySeconds: undefined, perWake: SIX_HOURS.perWake };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 29 }), (day) => {
        expect(costOfCase(COUNTED, once, day, PRICES).totalUsd).toBe(totalOf(linesFor(COUNTED, PRICES)));
      }),
    );
  });

  it('capacity answers that give only a total count as reads or writes by their command', () => {
    // DynamoDB Local answers a transaction of a 1 KB and a 2.5 KB item with CapacityUnits 8: already two per item-unit.
    expect(unitsOf('TransactWriteItemsCommand', [{ CapacityUnits: 8 }])).toEqual({ read: 0, write: 8 });
    expect(unitsOf('PutItemCommand', { CapacityUnits: 3 })).toEqual({ read: 0, write: 3 });
    expect(unitsOf('QueryCommand', { CapacityUnits: 1.5 })).toEqual({ read: 1.5, write: 0 });
    expect(unitsOf('UpdateItemCommand', { CapacityUnits: 2, ReadCapacityUnits: 0, WriteCapacityUnits: 2 })).toEqual({ read: 0, write: 2 });
  });

  it.each([
    [1, 0.1],
    [100, 0.1],
    [101, 0.2],
    [450, 0.5],
  ])('an Express run of %d ms is billed as %d s of one 64 MB chunk', (ms, seconds) => {
    expect(expressBilledGbSeconds(ms)).toBeCloseTo(seconds * (64 / 1024), 12);
  });
});
