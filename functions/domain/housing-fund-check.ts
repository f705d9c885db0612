/**
 * Housing provident fund on retirement — 《住房公积金管理条例》 第二十四条: a retiring employee (第一款第(二)项)
 * MAY withdraw the balance, and a withdrawal on that ground closes the account at the same time (第二款).
 *
 * Choices:
 *  - no record / status "none" → NOT_APPLICABLE; status "closed" → NOT_APPLICABLE (nothing left to do);
 *  - withdrawing with a loan still outstanding → MANUAL: the account cannot simply be closed, a person
 *    arranges repayment from the balance or a later closure;
 *  - withdraw = false (withdrawal is the citizen's right, not a duty) → PASS, account kept, nothing paid,
 *    and an outstanding loan is then no obstacle.
 */
import type { HousingFundRecord } from '../../schemas/department-record.ts';
import type { DepartmentResult } from '../../schemas/department-result.ts';
import { formatYuan } from './format.ts';

export type HousingFundInput = HousingFundRecord;

export function checkHousingFund(input: { record: HousingFundInput | undefined; withdraw: boolean }): DepartmentResult {
  const { record, withdraw } = input;
  if (!record || record.status === 'none') {
    return { outcome: 'NOT_APPLICABLE', reasons: [], details: { status: 'none' } };
  }
  if (record.status === 'closed') {
    return { outcome: 'NOT_APPLICABLE', reasons: [], details: { status: 'closed', accountNo: record.accountNo } };
  }
  const { balanceFen, outstandingLoanFen } = record;
  const base = { status: record.status, accountNo: record.accountNo, balanceFen, outstandingLoanFen };
  if (!withdraw) {
    return { outcome: 'PASS', reasons: [], details: { ...base, withdrawalAmountFen: 0, closeAccount: false } };
  }
  if (outstandingLoanFen > 0) {
    return {
      outcome: 'MANUAL',
      reasons: [
        {
          code: 'HOUSING_FUND_LOAN_OUTSTANDING',
          message: `尚有住房公积金贷款未还清（${formatYuan(outstandingLoanFen)} 元），暂不能销户提取，需工作人员与您确认还款安排。`,
        },
      ],
      details: { ...base, withdrawalAmountFen: 0, closeAccount: false },
    };
  }
  return { outcome: 'PASS', reasons: [], details: { ...base, withdrawalAmountFen: balanceFen, closeAccount: true } };
}
