// The one form's fields in plain words, by their JSON path: for showing a form as sent (staff console), naming
// what a supplement (补正) asks for, and the citizen's pages alike.

export const FORM_FIELD_ZH = {
  'applicant.name': '姓名',
  'applicant.idNumber': '身份证号码',
  'applicant.gender': '性别',
  'applicant.birthDate': '出生日期',
  'applicant.phone': '手机号码',
  'applicant.address': '现在的住址',
  'retirement.type': '退休类型',
  'retirement.requestedMonth': '申请退休的月份',
  'retirement.originalRetirementAge': '原法定退休年龄',
  'retirement.employerAgreement': '单位同意弹性延迟退休',
  'bankAccount.bankName': '开户银行',
  'bankAccount.accountNo': '银行账号',
  'housingFund.withdraw': '提取住房公积金并销户',
  'commitments.informationTrue': '承诺信息真实',
  'commitments.dataSharingConsent': '同意各部门共享核查',
};

export const FORM_SECTION_ZH = {
  applicant: '申请人',
  retirement: '退休',
  bankAccount: '养老金发放账户',
  housingFund: '住房公积金',
  commitments: '承诺',
};

export const RETIREMENT_TYPE_ZH = {
  normal: '按时退休',
  'flexible-early': '弹性提前退休',
  'flexible-late': '弹性延迟退休',
  'special-job': '特殊工种提前退休',
  disability: '因病或非因工致残提前退休',
};

export const GENDER_ZH = { male: '男', female: '女' };

/** One value of the form in plain words: 是/否, 男/女, "2027年4月", "55 岁", the retirement type. */
export function formValueZh(path, value) {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (path === 'applicant.gender') return GENDER_ZH[value] || String(value);
  if (path === 'retirement.type') return RETIREMENT_TYPE_ZH[value] || String(value);
  if (path === 'retirement.originalRetirementAge') return `${value} 岁`;
  if (path === 'retirement.requestedMonth') {
    const m = /^(\d{4})-(\d{2})$/.exec(String(value));
    return m ? `${m[1]}年${Number(m[2])}月` : String(value);
  }
  if (path === 'applicant.birthDate') {
    const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
    return d ? `${d[1]}年${Number(d[2])}月${Number(d[3])}日` : String(value);
  }
  return String(value);
}
