/**
 * The leaf paths where two forms differ, e.g. `applicant.name`. Used to hold a supplement to what was asked:
 * a correction of the name must not also move the bank account unseen.
 */
export function changedFields(before: unknown, after: unknown, prefix = ''): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(before) || !isObject(after)) return Object.is(before, after) ? [] : [prefix];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.flatMap((k) => changedFields(before[k], after[k], prefix ? `${prefix}.${k}` : k));
}
