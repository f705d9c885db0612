import type { YearCalendar } from './year-calendar.ts';

/*
 * 国务院办公厅关于2026年部分节假日安排的通知, 国办发明电〔2025〕7号, 2025-11-04. Transcribed from the notice's full
 * text as released by Xinhua on 2025-11-04. That release carries no document number; the number is the one the
 * gov.cn copy bears, as cited by independent calendars that link it.
 */
export const CALENDAR_2026: YearCalendar = {
  year: 2026,
  source: {
    title: '国务院办公厅关于2026年部分节假日安排的通知',
    documentNumber: '国办发明电〔2025〕7号',
    issuedOn: '2025-11-04',
    readAt: 'https://politics.gmw.cn/2025-11/04/content_38391083.htm (新华社北京11月4日电, full text)',
    officialUrl: 'https://www.gov.cn/zhengce/content/202511/content_7047090.htm',
  },
  holidays: [
    { name: '元旦', from: '2026-01-01', to: '2026-01-03', clause: '一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。' },
    {
      name: '春节',
      from: '2026-02-15',
      to: '2026-02-23',
      clause: '二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。',
    },
    { name: '清明节', from: '2026-04-04', to: '2026-04-06', clause: '三、清明节：4月4日（周六）至6日（周一）放假，共3天。' },
    { name: '劳动节', from: '2026-05-01', to: '2026-05-05', clause: '四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。' },
    { name: '端午节', from: '2026-06-19', to: '2026-06-21', clause: '五、端午节：6月19日（周五）至21日（周日）放假，共3天。' },
    { name: '中秋节', from: '2026-09-25', to: '2026-09-27', clause: '六、中秋节：9月25日（周五）至27日（周日）放假，共3天。' },
    {
      name: '国庆节',
      from: '2026-10-01',
      to: '2026-10-07',
      clause: '七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。',
    },
  ],
  adjustedWorkingDays: [
    { date: '2026-01-04', for: '元旦' },
    { date: '2026-02-14', for: '春节' },
    { date: '2026-02-28', for: '春节' },
    { date: '2026-05-09', for: '劳动节' },
    { date: '2026-09-20', for: '国庆节' },
    { date: '2026-10-10', for: '国庆节' },
  ],
};
