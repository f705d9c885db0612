import { afterEach, describe, expect, it, vi } from 'vitest';
import { withCorrelationId } from '../../functions/shared/correlation.ts';
import { createLogger } from '../../functions/shared/logger.ts';

/** What Powertools Logger wrote to stdout during `run`, one parsed JSON record per line. */
function written(run: () => void): { text: string; records: Record<string, unknown>[] } {
  const chunks: string[] = [];
  const keep = (chunk: string | Uint8Array) => (chunks.push(String(chunk)), true);
  // Console writes info and debug to stdout, warn and error to stderr.
  const spies = [vi.spyOn(process.stdout, 'write').mockImplementation(keep), vi.spyOn(process.stderr, 'write').mockImplementation(keep)];
  try {
    run();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  const text = chunks.join('');
  return {
    text,
    records: text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  };
}

afterEach(() => vi.restoreAllMocks());

describe('logger (Powertools Logger with the product masking formatter)', () => {
  it('masks personal data wherever it sits, and keeps error names', () => {
    const log = createLogger('debug');
    const { text, records } = written(() =>
      log.error(
        {
          application: { applicant: { idNumber: '441900196610120130', name: '陈志明', phone: '13810102947' } },
          bankAccount: { accountNo: '6222190019661012' },
          err: new TypeError('boom'),
        },
        'x',
      ),
    );
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ level: 'ERROR', message: 'x', service: 'retireone' });
    expect(text).not.toContain('441900196610120130');
    expect(text).not.toContain('志明');
    expect(text).not.toContain('13810102947');
    expect(text).not.toContain('6222190019661012');
    expect(text).toContain('441900');
    expect(text).toContain('TypeError');
  });

  it('masks a feedback contact, phone or email', () => {
    const log = createLogger('debug');
    const { text } = written(() => {
      log.error({ contact: '13810102947' }, 'a');
      log.error({ feedback: { contact: 'chen.zhiming@example.com' } }, 'b');
    });
    expect(text).not.toContain('13810102947');
    expect(text).not.toContain('chen.zhiming');
    expect(text).toContain('138****2947');
    expect(text).toContain('c***@example.com');
  });

  it('masks numbers quoted in messages, error messages and free-text fields', () => {
    const log = createLogger('debug');
    const { text } = written(() =>
      log.warn(
        { reason: 'phone 13810102947 refused', err: new Error('no record for 441900196610120130, account 6222190019661012') },
        'lookup of 441900196610120130 failed',
      ),
    );
    expect(text).not.toContain('441900196610120130');
    expect(text).not.toContain('13810102947');
    expect(text).not.toContain('6222190019661012');
    expect(text).toContain('no record for 441900********0130');
  });

  it('never writes tokens', () => {
    const log = createLogger('debug');
    const { text } = written(() => log.info({ token: 'eyJ.secret', headers: { authorization: 'Bearer eyJ.secret' }, taskToken: 'AAAA-token' }, 't'));
    expect(text).not.toContain('eyJ.secret');
    expect(text).not.toContain('AAAA-token');
  });

  it('stamps each line with the correlation id of the work it belongs to, and none outside', () => {
    const log = createLogger('debug');
    const { records } = written(() => {
      withCorrelationId('corr-abc-12345', () => log.info({}, 'inside'));
      log.info({}, 'outside');
    });
    expect(records.map((r) => [r.message, r.correlation_id])).toEqual([
      ['inside', 'corr-abc-12345'],
      ['outside', undefined],
    ]);
  });
});
