/** The wording the sealed papers share: department names, remedies, money. */
import type { DepartmentKey, ReasonCode } from '../../schemas/index.ts';
import { DEPARTMENT_NAMES } from '../../schemas/departments.ts';
import { formatYuan } from '../domain/format.ts';

export const DEPARTMENT_TITLES: Record<DepartmentKey, string> = {
  hr: DEPARTMENT_NAMES.hr.body,
  tax: DEPARTMENT_NAMES.tax.body,
  medical: DEPARTMENT_NAMES.medical.body,
  housingFund: DEPARTMENT_NAMES.housingFund.body,
  health: DEPARTMENT_NAMES.health.body,
};

/** What the person can do about each reason, printed next to it on the notice. */
export const REMEDIES: Partial<Record<ReasonCode, string>> = {
  RETIREMENT_AGE_NOT_REACHED: '请在达到法定退休年龄后再申请，或在条件允许时选择弹性提前退休。',
  FLEXIBLE_WINDOW_EXCEEDED: '弹性退休须在法定退休时间前后 3 年内，请调整申请退休月份。',
  CONTRIBUTION_YEARS_SHORT: '可继续缴费至满足最低缴费年限；符合当地政策的，也可一次性补缴。',
  DUPLICATE_PENSION: '已在他处领取基本养老金的，请到原领取地社保经办机构办理转移或核实。',
  NO_INSURANCE_RECORD: '请携带身份证到社保经办机构核实参保记录。',
  BIRTH_DATE_MISMATCH: '以档案记载的出生日期为准，如有异议请携带档案材料到窗口核实。',
  SPECIAL_JOB_YEARS_SHORT: '特殊工种累计年限不足 10 年的，请按正常退休年龄申请。',
  DISABILITY_NOT_CERTIFIED: '请先向劳动能力鉴定委员会申请劳动能力鉴定。',
  TAX_ARREARS: '请联系单位或到税务窗口结清欠缴后再申请。',
  MEDICAL_YEARS_SHORT: '按补缴通知一次性补缴后即可享受退休医保待遇。',
  MEDICAL_LOCAL_YEARS_SHORT: '按补缴通知一次性补缴本地缴费年限。',
  HOUSING_FUND_LOAN_OUTSTANDING: '请先结清住房公积金贷款，或与公积金中心约定还款后办理提取。',
  DEPARTMENT_UNAVAILABLE: '已由工作人员人工核查，无需您再次提交材料。',
  ID_NUMBER_INVALID: '请核对公民身份号码后重新预约并提交申请。',
  BOOKING_MISMATCH: '申请表中的身份信息须与预约时一致，请重新预约并提交申请。',
  REQUESTED_MONTH_OUT_OF_RANGE: '请选择符合规定范围的退休月份后重新申请。',
  STAFF_DECISION: '如对工作人员的复核结论有异议，可携带相关材料到服务窗口申请复查。',
  FLEXIBLE_LATE_AGREEMENT_MISSING: '请与所在单位协商一致、书面明确延迟退休时间后重新申请，并在申请表中确认单位同意；也可按时退休。',
  MEDICAL_CITY_RULE_MISSING: '工作人员将按参保地规定的医保缴费年限核定，无需您再次提交材料。',
  HEALTH_REWARD_RULE_MISSING: '工作人员将按您退休时的规定核定奖励金额，无需您再次提交材料。',
};
const DEFAULT_REMEDY = '请携带身份证到就近的服务窗口咨询办理，或拨打 12333。';

export const remedyFor = (code: ReasonCode) => REMEDIES[code] ?? DEFAULT_REMEDY;

export const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** `¥` and two decimals, exactly as every document prints money. */
export const yuan = (fen: number) => `¥${formatYuan(fen)}`;
