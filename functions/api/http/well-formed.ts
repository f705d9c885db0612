import { type FieldError, issuePath } from './problem.ts';

/**
 * Where a parsed JSON body holds a lone surrogate, in a value or a field name. JSON's `\ud800` escape lets any
 * field carry one; it cannot be canonicalized for the request hash, stored as UTF-8 or printed, so the whole body
 * is refused before anything reads it — schema or not.
 */
export function illFormedText(value: unknown, path: readonly (string | number)[] = []): FieldError[] {
  if (typeof value === 'string') return value.isWellFormed() ? [] : [{ path: issuePath(path), message: 'is not well-formed Unicode (a lone surrogate)' }];
  if (Array.isArray(value)) return value.flatMap((item, i) => illFormedText(item, [...path, i]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key.isWellFormed()
      ? illFormedText(item, [...path, key])
      : [{ path: issuePath(path), message: 'has a field name that is not well-formed Unicode (a lone surrogate)' }],
  );
}
