import type { CaseStatus } from '../../schemas/case.ts';

/**
 * The one way a store says "only if the case is in one of these statuses": `#s IN (:p0, :p1, …)` with its
 * names and values, so every conditional status write reads the same and none forgets the `#s` alias.
 */
export function statusIn(statuses: readonly CaseStatus[], prefix = 'from') {
  const values: Record<string, CaseStatus> = {};
  statuses.forEach((s, i) => {
    values[`:${prefix}${i}`] = s;
  });
  return {
    expression: `#s IN (${Object.keys(values).join(', ')})`,
    names: { '#s': 'status' } as Record<string, string>,
    values,
  };
}
