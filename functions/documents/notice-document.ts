/** NoticeData (the 退休审批结果通知书's own shape) → the document blocks the one layout draws. */
import type { NoticeData, NoticeDepartment, NoticeOutcome, SealedDocumentData, Tone } from '../../schemas/notice.ts';

export const NOTICE_TITLE = '退休审批结果通知书';

export const OUTCOME_TEXT: Record<NoticeOutcome, string> = {
  PASS: '通过',
  CONDITIONAL: '附条件通过',
  FAIL: '不通过',
  MANUAL: '人工审核',
  NOT_APPLICABLE: '不适用',
};
export const OUTCOME_TONE: Record<NoticeOutcome, Tone> = {
  PASS: 'positive',
  CONDITIONAL: 'warning',
  FAIL: 'negative',
  MANUAL: 'info',
  NOT_APPLICABLE: 'muted',
};
export const GENDER_TEXT = { male: '男', female: '女' } as const;
export const RETIREMENT_TEXT: Record<NoticeData['retirement']['type'], string> = {
  normal: '正常退休',
  'flexible-early': '弹性提前退休',
  'flexible-late': '弹性延迟退休',
  'special-job': '特殊工种提前退休',
  disability: '因病或非因工致残完全丧失劳动能力退休',
};
const DECISION_TEXT = { APPROVED: '准予退休', REJECTED: '不予批准' } as const;
const DEPARTMENT_ORDER = ['hr', 'tax', 'medical', 'housingFund', 'health'] as const;

export const chineseDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
export const chineseMonth = (iso: string) => {
  const [y, m] = iso.split('-').map(Number);
  return `${y}年${m}月`;
};

/** The person, as every document of a case prints them. */
export function applicantHeader(data: Pick<NoticeData, 'applicant' | 'retirement' | 'appliedBy'>): SealedDocumentData['header'] {
  const a = data.applicant;
  return [
    { label: '申请人', value: a.name },
    { label: '性别', value: GENDER_TEXT[a.gender] },
    { label: '出生日期', value: chineseDate(a.birthDate) },
    { label: '公民身份号码', value: a.idNumberMasked },
    { label: '退休类型', value: RETIREMENT_TEXT[data.retirement.type] },
    { label: '申请退休时间', value: chineseMonth(data.retirement.requestedMonth) },
    ...(data.appliedBy ? [{ label: '申请方式', value: data.appliedBy }] : []),
  ];
}

export function noticeDocument(data: NoticeData): SealedDocumentData {
  const departments = [...data.departments].sort((a, b) => DEPARTMENT_ORDER.indexOf(a.key) - DEPARTMENT_ORDER.indexOf(b.key));
  return {
    documentId: data.documentId,
    caseNumber: data.caseNumber,
    title: NOTICE_TITLE,
    body: 'one-stop',
    issuer: data.issuer,
    issuedAt: data.issuedAt,
    header: applicantHeader(data),
    blocks: [
      { kind: 'decision', text: `审批结论：${DECISION_TEXT[data.decision]}`, tone: data.decision === 'APPROVED' ? 'positive' : 'negative' },
      { kind: 'paragraph', text: '经相关部门联合审核，意见如下：' },
      {
        kind: 'table',
        columns: [
          { title: '部门', width: 0.3 },
          { title: '审核结果', width: 0.2 },
          { title: '说明与需办理事项', width: 0.5 },
        ],
        rows: departments.map((d) => [{ lines: [d.title] }, { lines: [OUTCOME_TEXT[d.outcome]], tone: OUTCOME_TONE[d.outcome] }, { lines: explanation(d) }]),
      },
    ],
    verifyUrl: data.verifyUrl,
  };
}

function explanation(d: NoticeDepartment): string[] {
  const out: string[] = [];
  for (const r of d.reasons) {
    out.push(`原因：${r.message}`);
    if (r.remedy) out.push(`办理建议：${r.remedy}`);
  }
  for (const duty of d.duties) out.push(`待办事项：${duty}`);
  for (const f of d.figures) out.push(`${f.label}：${f.value}`);
  return out.length > 0 ? out : ['无'];
}
