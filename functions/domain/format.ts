/** Plain-Chinese renderings shared by the rule messages. */

/** `2026-09` → `2026年09月`. */
export function formatMonthZh(month: string): string {
  return `${month.slice(0, 4)}年${month.slice(5, 7)}月`;
}

/** 546900 fen → `5469.00`. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 66 months → `5年6个月`; 60 → `5年`; 6 → `6个月`. */
export function formatYearsMonthsZh(totalMonths: number): string {
  const y = Math.floor(totalMonths / 12);
  const m = totalMonths % 12;
  if (y === 0) return `${m}个月`;
  return m === 0 ? `${y}年` : `${y}年${m}个月`;
}
