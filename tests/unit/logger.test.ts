import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../functions/shared/logger.ts';

describe('logger', () => {
  it('masks personal data wherever it sits, and keeps error names', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) });
    const log = createLogger(sink);
    log.error(
      {
        application: { applicant: { idNumber: '441900196610120130', name: '陈志明', phone: '13810102947' } },
        bankAccount: { accountNo: '6222190019661012' },
        err: new TypeError('boom'),
      },
      'x',
    );
    const out = lines.join('');
    expect(out).not.toContain('441900196610120130');
    expect(out).not.toContain('志明');
    expect(out).not.toContain('13810102947');
    expect(out).not.toContain('6222190019661012');
    expect(out).toContain('441900');
    expect(out).toContain('TypeError');
  });

  it('masks a feedback contact, phone or email', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) });
    const log = createLogger(sink);
    log.error({ contact: '13810102947' }, 'a');
    log.error({ feedback: { contact: 'chen.zhiming@example.com' } }, 'b');
    const out = lines.join('');
    expect(out).not.toContain('13810102947');
    expect(out).not.toContain('chen.zhiming');
    expect(out).toContain('138****2947');
    expect(out).toContain('c***@example.com');
  });
});
