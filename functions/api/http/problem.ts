import type { z } from 'zod';

export interface FieldError {
  path: string;
  message: string;
}

/** An error that becomes an RFC 9457 problem+json answer. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly title: string;
  readonly errors?: FieldError[];
  readonly extra?: Record<string, unknown>;
  /** Response headers the problem needs, e.g. `retry-after` on a 503. */
  readonly headers?: Record<string, string>;

  constructor(status: number, title: string, detail: string, errors?: FieldError[], extra?: Record<string, unknown>, headers?: Record<string, string>) {
    super(detail);
    this.name = 'HttpProblem';
    this.status = status;
    this.title = title;
    this.errors = errors;
    this.extra = extra;
    this.headers = headers;
  }
}

/** JSON path of a zod issue, e.g. `applicant.idNumber` or `citizens[2].name`. */
export function issuePath(path: readonly PropertyKey[], prefix = ''): string {
  const joined = path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${String(seg)}` : String(seg)), prefix);
  return joined || '$';
}

export function validationProblem(error: z.ZodError, where: 'body' | 'query' | 'path' | 'header'): HttpProblem {
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.push({ path: issuePath([...issue.path, key]), message: 'is not a known field' });
    } else {
      errors.push({ path: issuePath(issue.path), message: issue.message });
    }
  }
  const fields = [...new Set(errors.map((e) => e.path))].join(', ');
  return new HttpProblem(400, 'Invalid request', `The ${where} has invalid fields: ${fields}`, errors);
}

export const notFound = (what = 'The resource') => new HttpProblem(404, 'Not found', `${what} does not exist or is not yours to see.`);
