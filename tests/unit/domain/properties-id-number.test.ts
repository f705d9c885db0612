import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIdNumber } from '../../../functions/domain/id-number.ts';
import { makeIdNumber } from '../../support/id-numbers.ts';
import { pad, realDate } from './arbitraries.ts';

// Built by the test-side generator, not idCheckCharacter, so a wrong weight in the product shows up here.
const validId = fc
  .record({
    region: fc.integer({ min: 0, max: 999_999 }).map((n) => pad(n, 6)),
    birthDate: realDate,
    sequence: fc.integer({ min: 0, max: 999 }),
    gender: fc.constantFrom('male' as const, 'female' as const),
  })
  .map((p) => ({ ...p, id: makeIdNumber(p.region, p.birthDate, p.sequence, p.gender) }));

const DIGITS = [...'0123456789'];
// GB 11643-1999: X only as the check character.
const allowedAt = (position: number): string[] => (position === 17 ? [...DIGITS, 'X'] : DIGITS);

/** A valid ID with one position replaced by a different character that is allowed there. */
const oneCharacterOff = validId.chain(({ id }) =>
  fc
    .integer({ min: 0, max: 17 })
    .chain((position) =>
      fc
        .constantFrom(...allowedAt(position).filter((c) => c !== id[position]))
        .map((c) => ({ id, changed: id.slice(0, position) + c + id.slice(position + 1), position })),
    ),
);

describe('parseIdNumber properties', () => {
  it('reads back the region, birth date and gender a valid ID was built from', () => {
    fc.assert(
      fc.property(validId, ({ id, region, birthDate, gender }) => {
        expect(parseIdNumber(id)).toEqual({ ok: true, regionCode: region, birthDate, gender });
      }),
    );
  });

  // MOD 11-2 with weights that are all non-zero mod 11 catches every single substitution.
  it('refuses any one-character change to a valid ID', () => {
    fc.assert(
      fc.property(oneCharacterOff, ({ changed }) => {
        expect(parseIdNumber(changed).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
