// Any API failure in plain words. The citizen pages and the staff console share the rules and differ only
// in a few phrases, passed in as `wording`.
import { ApiError } from './api.js';

/** @param {unknown} err @param {{ notFound: string, busy: string, refused: (status: number) => string }} wording */
export function problemText(err, wording) {
  if (!(err instanceof ApiError)) return '出了点问题，请稍后再试。';
  if (err.status === 0) return err.message;
  if (err.status === 401) return '登录已过期，请重新登录。';
  if (err.status === 404) return wording.notFound;
  if (err.status >= 500) return wording.busy;
  return err.problem.detail || err.problem.title || wording.refused(err.status);
}
