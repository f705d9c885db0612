import type { YearCalendar } from './year-calendar.ts';

/*
 * PROVISIONAL. 国务院办公厅关于2027年部分节假日安排的通知 has not been read here (none found as of 2026-12-04), so
 * 2027 holds only the statutory holidays of 《全国年节及纪念日放假办法》 第二条 as amended by 国务院令第795号
 * (signed 2024-11-10, in force 2025-01-01): 元旦 1 day, 春节 4 (农历除夕、正月初一至初三), 清明 1, 劳动节 2
 * (5月1日、2日), 端午 1, 中秋 1, 国庆 3 (10月1日至3日) — 13 days.
 *
 * Read: the decree's text (令 and 决定, items 二 and 四 as amended) in the Xinhua release of 2024-11-12 at
 * https://m.163.com/news/article/JGQUCGLS0519CS5P.html and https://wxredian.com/art?id=901f61a637796b34d0007e2d5ca2d25c;
 * the unamended items (一, 三, 五, 六, 七) of 第二条 at http://ycyanbao.lhtzb.cn/2023/0522/14475.html. The gov.cn
 * copy (officialUrl) is cited by those reprints and was not opened here.
 *
 * The lunar dates were computed with lunar-javascript 1.7.7 (tests/unit/domain/calendar.test.ts recomputes
 * them): 除夕 = the day before 正月初一 (腊月廿九 in 2027), 清明 = the solar term's day, 端午 = 五月初五,
 * 中秋 = 八月十五. The same computation gives the 2025 and 2026 notices' dates.
 *
 * Missing until the notice: 补假 for the statutory days that fall on a weekend (春节 2-6, 2-7; 劳动节 5-1, 5-2;
 * 国庆 10-2, 10-3 — the law's 第六条 moves them to working days the notice chooses), the bridging days, and the
 * 调休 working weekends. The notice mostly adds days off, so a due date counted here is usually the same as or
 * earlier than the notice's (staff are held to the earlier date); only a 调休 working weekend counted before a
 * holiday can make the notice's one day earlier than this.
 */
export const CALENDAR_2027: YearCalendar = {
  year: 2027,
  provisional: true,
  source: {
    title: '全国年节及纪念日放假办法（根据国务院关于修改《全国年节及纪念日放假办法》的决定修订）第二条',
    documentNumber: '国务院令第795号',
    issuedOn: '2024-11-10',
    readAt:
      'https://m.163.com/news/article/JGQUCGLS0519CS5P.html (新华社北京11月12日电, 国务院令第795号 and the 决定 in full); ' +
      'http://ycyanbao.lhtzb.cn/2023/0522/14475.html (第二条 before the amendment)',
    officialUrl: 'https://www.gov.cn/zhengce/content/202411/content_6986380.htm',
  },
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-01', clause: '（一）元旦，放假1天（1月1日）' },
    { name: '春节', from: '2027-02-05', to: '2027-02-08', clause: '（二）春节，放假4天（农历除夕、正月初一至初三）' },
    { name: '清明节', from: '2027-04-05', to: '2027-04-05', clause: '（三）清明节，放假1天（农历清明当日）' },
    { name: '劳动节', from: '2027-05-01', to: '2027-05-02', clause: '（四）劳动节，放假2天（5月1日、2日）' },
    { name: '端午节', from: '2027-06-09', to: '2027-06-09', clause: '（五）端午节，放假1天（农历端午当日）' },
    { name: '中秋节', from: '2027-09-15', to: '2027-09-15', clause: '（六）中秋节，放假1天（农历中秋当日）' },
    { name: '国庆节', from: '2027-10-01', to: '2027-10-03', clause: '（七）国庆节，放假3天（10月1日至3日）' },
  ],
  adjustedWorkingDays: [],
};
