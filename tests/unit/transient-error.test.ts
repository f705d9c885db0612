import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isTransient } from '../../functions/shared/transient-error.ts';

const withCode = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:8000`), { code });

describe('a dependency that blinked is told apart from a fault of ours', () => {
  it.each([
    ['connection refused', withCode('ECONNREFUSED')],
    ['connection reset', withCode('ECONNRESET')],
    ['disk full under the store', withCode('ENOSPC')],
    ['fetch failed, caused by a refused connection', new TypeError('fetch failed', { cause: withCode('ECONNREFUSED') })],
    ['every address refused', new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'all failed')],
    ['a timeout', Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
    ['an SDK error marked retryable', Object.assign(new Error('throttled'), { $retryable: {} })],
    ['a 5xx answer', Object.assign(new Error('internal'), { $metadata: { httpStatusCode: 500 } })],
    ['a transaction conflict', Object.assign(new Error('conflict'), { name: 'TransactionConflictException' })],
  ])('%s is transient', (_, err) => {
    expect(isTransient(err)).toBe(true);
  });

  it.each([
    ['a refused condition', new ConditionalCheckFailedException({ message: 'refused', $metadata: { httpStatusCode: 400 } })],
    ['a schema error', z.string().safeParse(1).error],
    ['a plain bug', new Error('undefined is not a function')],
    ['a 4xx answer', Object.assign(new Error('bad request'), { $metadata: { httpStatusCode: 400 } })],
    ['nothing', undefined],
  ])('%s is not', (_, err) => {
    expect(isTransient(err)).toBe(false);
  });
});
