/**
 * The status index is read one status at a time, so a case that moves on between two reads is seen under
 * both statuses: keep one record per case, the most recently updated (its newest state).
 */
export function latestPerCase<T extends { caseNumber: string; updatedAt: string }>(records: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const r of records) {
    const seen = latest.get(r.caseNumber);
    if (!seen || r.updatedAt > seen.updatedAt) latest.set(r.caseNumber, r);
  }
  return [...latest.values()];
}
