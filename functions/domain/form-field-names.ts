import type { SupplementField } from '../../schemas/supplement.ts';

/** The form's fields in the words of the form itself, for the notes and messages a citizen reads. */
export const FORM_FIELD_ZH: Readonly<Record<SupplementField, string>> = {
  'applicant.name': '姓名',
  'applicant.gender': '性别',
  'applicant.birthDate': '出生日期',
  'applicant.phone': '手机号码',
  'applicant.address': '联系地址',
  'retirement.type': '退休类型',
  'retirement.requestedMonth': '申请退休月份',
  'retirement.originalRetirementAge': '原法定退休年龄',
  'retirement.employerAgreement': '单位是否同意推迟退休',
  'bankAccount.bankName': '开户银行',
  'bankAccount.accountNo': '银行账号',
  'housingFund.withdraw': '是否提取公积金',
};

export const fieldListZh = (fields: readonly SupplementField[]) => fields.map((f) => FORM_FIELD_ZH[f]).join('、');
