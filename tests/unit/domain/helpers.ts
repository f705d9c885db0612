import type { Application } from '../../../schemas/application.ts';
import type { HrRecord } from '../../../schemas/department-record.ts';

export function makeApplication(over: {
  idNumber?: string;
  name?: string;
  gender?: 'male' | 'female';
  birthDate?: string;
  type?: Application['retirement']['type'];
  requestedMonth?: string;
  originalRetirementAge?: 50 | 55 | 60;
  withdraw?: boolean;
  employerAgreement?: boolean;
}): Application {
  return {
    applicant: {
      idNumber: over.idNumber ?? '441900196610120130',
      name: over.name ?? '陈志明',
      gender: over.gender ?? 'male',
      birthDate: over.birthDate ?? '1966-10-12',
      phone: '13810102947',
      address: '广东省东莞市示例路1号',
    },
    retirement: {
      type: over.type ?? 'normal',
      requestedMonth: over.requestedMonth ?? '2027-04',
      originalRetirementAge: over.originalRetirementAge ?? 60,
      ...(over.employerAgreement === undefined ? {} : { employerAgreement: over.employerAgreement }),
    },
    bankAccount: { bankName: '中国工商银行东莞分行', accountNo: '6222190019661012' },
    housingFund: { withdraw: over.withdraw ?? true },
    commitments: { informationTrue: true, dataSharingConsent: true },
  };
}

export function makeHrRecord(over: Partial<HrRecord> = {}): HrRecord {
  return {
    originalRetirementAge: 60,
    personnelFileBirthDate: '1966-10-12',
    contributionMonths: 408,
    insuredCity: '441900',
    receivingPension: false,
    specialJobMonths: 0,
    disabilityCertified: false,
    employer: '东莞市示例制造有限公司',
    averageIndexedWageRatio: 1,
    personalAccountFen: 17136000,
    ...over,
  };
}
