/**
 * Tax: unpaid social insurance contributions / tax for past months must be settled before retirement is
 * approved — since 2019 the tax authority collects social insurance contributions
 * (《国税地税征管体制改革方案》, 2018; 《社会保险费征缴暂行条例》 第十三条 on arrears).
 *
 * Choice: a missing tax record means the tax authority holds nothing owed → PASS with no arrears.
 * A person missing from every department is refused by the HR check (NO_INSURANCE_RECORD), not here.
 */
import type { TaxRecord } from '../../schemas/department-record.ts';
import type { DepartmentResult } from '../../schemas/department-result.ts';
import { formatMonthZh, formatYuan } from './format.ts';

export function checkTax(input: { record: TaxRecord | undefined }): DepartmentResult {
  const arrears = [...(input.record?.arrears ?? [])].sort((a, b) => a.month.localeCompare(b.month));
  const totalArrearsFen = arrears.reduce((sum, a) => sum + a.amountFen, 0);
  const details = { arrears, totalArrearsFen };
  if (arrears.length === 0) return { outcome: 'PASS', reasons: [], details };
  return {
    outcome: 'FAIL',
    reasons: [
      {
        code: 'TAX_ARREARS',
        message: `存在欠缴：${arrears.map((a) => formatMonthZh(a.month)).join('、')}，合计 ${formatYuan(totalArrearsFen)} 元。请结清后再申请。`,
      },
    ],
    details,
  };
}
