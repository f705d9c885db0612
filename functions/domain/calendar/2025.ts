import type { YearCalendar } from './year-calendar.ts';

/*
 * 国务院办公厅关于2025年部分节假日安排的通知, 国办发明电〔2024〕12号, 2024-11-12: the first year under the
 * 《全国年节及纪念日放假办法》 as revised on 2024-11-12 (除夕 and May 2 added). Transcribed from the notice's full
 * text as released by Xinhua on 2024-11-12 (same text, with the document number, in several reprints).
 */
export const CALENDAR_2025: YearCalendar = {
  year: 2025,
  source: {
    title: '国务院办公厅关于2025年部分节假日安排的通知',
    documentNumber: '国办发明电〔2024〕12号',
    issuedOn: '2024-11-12',
    readAt: 'https://m.gmw.cn/2024-11/12/content_1303894933.htm (新华社北京11月12日电, full text)',
    officialUrl: 'https://www.gov.cn/zhengce/content/202411/content_6986382.htm',
  },
  holidays: [
    { name: '元旦', from: '2025-01-01', to: '2025-01-01', clause: '一、元旦：1月1日（周三）放假1天，不调休。' },
    {
      name: '春节',
      from: '2025-01-28',
      to: '2025-02-04',
      clause: '二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。',
    },
    { name: '清明节', from: '2025-04-04', to: '2025-04-06', clause: '三、清明节：4月4日（周五）至6日（周日）放假，共3天。' },
    { name: '劳动节', from: '2025-05-01', to: '2025-05-05', clause: '四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。' },
    { name: '端午节', from: '2025-05-31', to: '2025-06-02', clause: '五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。' },
    {
      name: '国庆节、中秋节',
      from: '2025-10-01',
      to: '2025-10-08',
      clause: '六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。',
    },
  ],
  adjustedWorkingDays: [
    { date: '2025-01-26', for: '春节' },
    { date: '2025-02-08', for: '春节' },
    { date: '2025-04-27', for: '劳动节' },
    { date: '2025-09-28', for: '国庆节、中秋节' },
    { date: '2025-10-11', for: '国庆节、中秋节' },
  ],
};
