import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NoticeData } from '../../../schemas/notice.ts';

export const TOP_UP_AMOUNT = '¥18,360.00';

/** APPROVED, with the medical department passing on condition of a top-up payment. */
export const approvedWithTopUp: NoticeData = NoticeData.parse({
  caseNumber: 'RT20250301ABCDEF',
  documentId: 'DOC-RT20250301ABCDEF-1',
  issuedAt: '2025-03-01T02:00:00Z',
  applicant: { name: '王秀兰', idNumberMasked: '110101********2344', gender: 'female', birthDate: '1970-03-15' },
  retirement: { type: 'normal', requestedMonth: '2025-04' },
  decision: 'APPROVED',
  departments: [
    { key: 'hr', title: '人力资源和社会保障局', outcome: 'PASS', reasons: [], duties: [], figures: [{ label: '累计缴费年限', value: '28年4个月' }] },
    { key: 'tax', title: '税务局', outcome: 'PASS', reasons: [], duties: [], figures: [] },
    {
      key: 'medical',
      title: '医疗保障局',
      outcome: 'CONDITIONAL',
      reasons: [
        {
          code: 'MEDICAL_YEARS_SHORT',
          message: '医疗保险累计缴费年限不足25年（实际22年6个月）',
          remedy: '一次性补缴差额月数后即可享受退休人员医保待遇',
        },
      ],
      duties: [`需补缴医疗保险 30 个月，金额 ${TOP_UP_AMOUNT}`],
      figures: [{ label: '补缴金额', value: TOP_UP_AMOUNT }],
    },
    { key: 'housingFund', title: '住房公积金管理中心', outcome: 'NOT_APPLICABLE', reasons: [], duties: [], figures: [] },
  ],
  verifyUrl: 'https://retire.example.gov.cn/v/DOC-RT20250301ABCDEF-1',
  issuer: '退休一件事 一站式服务（北京市）',
});

export const rejected: NoticeData = NoticeData.parse({
  ...approvedWithTopUp,
  caseNumber: 'RT20250302QRSTVW',
  documentId: 'DOC-RT20250302QRSTVW-1',
  applicant: { name: '李建国', idNumberMasked: '320102********1235', gender: 'male', birthDate: '1967-08-01' },
  decision: 'REJECTED',
  departments: [
    {
      key: 'hr',
      title: '人力资源和社会保障局',
      outcome: 'FAIL',
      reasons: [
        { code: 'RETIREMENT_AGE_NOT_REACHED', message: '申请退休时尚未达到法定退休年龄', remedy: '请在达到法定退休年龄后重新申请' },
        { code: 'CONTRIBUTION_YEARS_SHORT', message: '基本养老保险累计缴费不足15年', remedy: '可继续缴费或一次性补缴至满15年' },
      ],
      duties: [],
      figures: [{ label: '累计缴费年限', value: '12年3个月' }],
    },
    { key: 'tax', title: '税务局', outcome: 'MANUAL', reasons: [], duties: [], figures: [] },
  ],
  verifyUrl: 'https://retire.example.gov.cn/v/DOC-RT20250302QRSTVW-1',
});

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `retireone-${prefix}-`));
}

export function writeTemp(dir: string, name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** poppler's tools; pdfsig exits 0 even for a broken signature, so callers read its text. */
export function run(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return `${err.stdout ?? ''}${err.stderr ?? ''}`;
  }
}

/**
 * NSS db trusting `caPem` for signing. The middle trust field (email/S-MIME) is the one pdfsig
 * consults: with "C,," alone it still says "Certificate issuer isn't Trusted".
 */
export function nssDbTrusting(caPem: string): string {
  const dir = tempDir('nss');
  const ca = writeTemp(dir, 'ca.pem', caPem);
  execFileSync('certutil', ['-N', '--empty-password', '-d', `sql:${dir}`]);
  execFileSync('certutil', ['-A', '-n', 'sealca', '-t', 'C,C,', '-i', ca, '-d', `sql:${dir}`]);
  return `sql:${dir}`;
}
