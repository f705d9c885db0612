/**
 * The official working-day calendar: real dates across every holiday of every calendar file (2025 and 2026 from
 * the State Council General Office notices, 2027 provisional from the law), adjusted working weekends, and the
 * arithmetic on top of it.
 */
import fc from 'fast-check';
import lunar from 'lunar-javascript';
import { describe, expect, it } from 'vitest';
import { CALENDAR_2027 } from '../../../functions/domain/calendar/2027.ts';
import { OFFICIAL_CALENDARS } from '../../../functions/domain/calendar/index.ts';
import { addDays } from '../../../functions/domain/months.ts';
import {
  addWorkingDays,
  CalendarYearMissingError,
  checkCalendarCoverage,
  compileCalendar,
  holidayOn,
  isWorkingDay,
  provisionalYearsBetween,
  workingDaysBetween,
} from '../../../functions/domain/working-days.ts';

const { Lunar } = lunar;

/** Every day of a run `from`..`to`. */
const daysOf = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};

describe('the days off of the notices (2025, 2026)', () => {
  it.each([
    // [holiday as the notice names it, first day, last day]
    ['元旦', '2025-01-01', '2025-01-01'],
    ['春节', '2025-01-28', '2025-02-04'],
    ['清明节', '2025-04-04', '2025-04-06'],
    ['劳动节', '2025-05-01', '2025-05-05'],
    ['端午节', '2025-05-31', '2025-06-02'],
    ['国庆节、中秋节', '2025-10-01', '2025-10-08'],
    ['元旦', '2026-01-01', '2026-01-03'],
    ['春节', '2026-02-15', '2026-02-23'],
    ['清明节', '2026-04-04', '2026-04-06'],
    ['劳动节', '2026-05-01', '2026-05-05'],
    ['端午节', '2026-06-19', '2026-06-21'],
    ['中秋节', '2026-09-25', '2026-09-27'],
    ['国庆节', '2026-10-01', '2026-10-07'],
  ])('%s %s..%s: every day off, the working days either side not', (name, from, to) => {
    for (const d of daysOf(from, to)) {
      expect(isWorkingDay(d), d).toBe(false);
      expect(holidayOn(d), d).toBe(name);
    }
    // The day before 元旦 2025 is in 2024, which has no file.
    for (const d of [addDays(from, -1), addDays(to, 1)].filter((d) => d >= '2025-01-01')) expect(holidayOn(d), d).toBeUndefined();
  });

  it.each([
    ['2025-01-26', '周日', '春节'],
    ['2025-02-08', '周六', '春节'],
    ['2025-04-27', '周日', '劳动节'],
    ['2025-09-28', '周日', '国庆节、中秋节'],
    ['2025-10-11', '周六', '国庆节、中秋节'],
    ['2026-01-04', '周日', '元旦'],
    ['2026-02-14', '周六', '春节'],
    ['2026-02-28', '周六', '春节'],
    ['2026-05-09', '周六', '劳动节'],
    ['2026-09-20', '周日', '国庆节'],
    ['2026-10-10', '周六', '国庆节'],
  ])('%s (%s, 调休 for %s) is a working day', (date) => {
    expect(isWorkingDay(date)).toBe(true);
  });

  it.each([
    ['2026-12-04', true, 'a plain Friday'],
    ['2026-12-05', false, 'a plain Saturday'],
    ['2026-12-06', false, 'a plain Sunday'],
    ['2025-02-09', false, 'the Sunday after an adjusted Saturday'],
  ])('%s is %s (%s)', (date, working) => {
    expect(isWorkingDay(date)).toBe(working);
  });
});

describe('2027: provisional, from the statutory holidays of 全国年节及纪念日放假办法 (国务院令第795号)', () => {
  it('is flagged provisional and names the law, not a notice', () => {
    expect(CALENDAR_2027.provisional).toBe(true);
    expect(CALENDAR_2027.source.documentNumber).toBe('国务院令第795号');
    expect(CALENDAR_2027.adjustedWorkingDays).toEqual([]);
    expect(OFFICIAL_CALENDARS.filter((y) => y.provisional).map((y) => y.year)).toEqual([2027]);
    // 13 statutory days in all.
    expect(CALENDAR_2027.holidays.flatMap((h) => daysOf(h.from, h.to))).toHaveLength(13);
  });

  it.each([
    ['元旦', '2027-01-01'],
    ['春节', '2027-02-05'], // 农历除夕 (腊月廿九)
    ['春节', '2027-02-06'], // 正月初一
    ['春节', '2027-02-07'],
    ['春节', '2027-02-08'],
    ['清明节', '2027-04-05'],
    ['劳动节', '2027-05-01'],
    ['劳动节', '2027-05-02'],
    ['端午节', '2027-06-09'],
    ['中秋节', '2027-09-15'],
    ['国庆节', '2027-10-01'],
    ['国庆节', '2027-10-02'],
    ['国庆节', '2027-10-03'],
  ])('%s %s is a day off', (name, date) => {
    expect(isWorkingDay(date)).toBe(false);
    expect(holidayOn(date)).toBe(name);
  });

  it.each([
    ['2027-01-04', '周一 after 元旦'],
    ['2027-02-09', '周二 after 春节 (正月初四: only the notice can make it a day off)'],
    ['2027-04-06', '周二 after 清明'],
    ['2027-06-10', '周四 after 端午'],
    ['2027-10-04', '周一 after 国庆'],
  ])('%s (%s) is a working day', (date) => {
    expect(isWorkingDay(date)).toBe(true);
  });

  it('has the lunar dates lunar-javascript computes (除夕, 清明, 端午, 中秋)', () => {
    const solar = (l: ReturnType<typeof Lunar.fromYmd>) => l.getSolar().toYmd();
    const firstDay = Lunar.fromYmd(2027, 1, 1);
    const expected = {
      春节: [solar(firstDay.next(-1)), solar(firstDay), solar(Lunar.fromYmd(2027, 1, 2)), solar(Lunar.fromYmd(2027, 1, 3))],
      清明节: [Lunar.fromYmd(2027, 3, 1).getJieQiTable().清明!.toYmd()],
      端午节: [solar(Lunar.fromYmd(2027, 5, 5))],
      中秋节: [solar(Lunar.fromYmd(2027, 8, 15))],
    };
    for (const [name, dates] of Object.entries(expected)) {
      const run = CALENDAR_2027.holidays.find((h) => h.name === name)!;
      expect(daysOf(run.from, run.to), name).toEqual(dates);
    }
    expect(expected.春节[1]).toBe('2027-02-06');
  });

  it('the same computation gives the notices’ own 2025 and 2026 dates (春节 starts on 除夕 in 2025, 中秋 2026-09-25, 端午 2026-06-19)', () => {
    expect(holidayOn(Lunar.fromYmd(2025, 1, 1).next(-1).getSolar().toYmd())).toBe('春节');
    expect(holidayOn(Lunar.fromYmd(2026, 8, 15).getSolar().toYmd())).toBe('中秋节');
    expect(holidayOn(Lunar.fromYmd(2026, 5, 5).getSolar().toYmd())).toBe('端午节');
    expect(holidayOn(Lunar.fromYmd(2026, 3, 1).getJieQiTable().清明!.toYmd())).toBe('清明节');
  });

  it('a promise made late in 2026 is counted into 2027 and said to be provisional', () => {
    // Mon 2026-12-28 + 5: 29, 30, 31, (元旦), Mon 1-4, Tue 1-5.
    expect(addWorkingDays('2026-12-28', 5)).toBe('2027-01-05');
    expect(provisionalYearsBetween('2026-12-28', '2027-01-05')).toEqual([2027]);
    expect(provisionalYearsBetween('2026-12-01', '2026-12-08')).toEqual([]);
  });

  it('is announced at start while it is this year or a later one', () => {
    expect(checkCalendarCoverage('2026-12-01', 5).warning).toMatch(/2027.*PROVISIONAL.*国务院办公厅关于2027年部分节假日安排的通知/);
    expect(checkCalendarCoverage('2027-03-01', 5).warning).toMatch(/2027.*PROVISIONAL/);
    const withoutProvisional = compileCalendar(OFFICIAL_CALENDARS.filter((y) => !y.provisional));
    expect(checkCalendarCoverage('2026-12-01', 5, withoutProvisional)).toEqual({});
  });

  it('refuses a provisional year that would guess an adjusted working day', () => {
    expect(() => compileCalendar([{ ...CALENDAR_2027, adjustedWorkingDays: [{ date: '2027-02-20', for: '春节' }] }])).toThrow(/provisional/);
  });
});

describe('a year with no calendar file (2028)', () => {
  it('is refused, never counted in weekdays', () => {
    expect(() => isWorkingDay('2028-03-01')).toThrow(CalendarYearMissingError);
    expect(() => addWorkingDays('2027-12-27', 5)).toThrow(/2028/);
    expect(() => checkCalendarCoverage('2028-01-03', 5)).toThrow(CalendarYearMissingError);
    expect(checkCalendarCoverage('2027-12-27', 5).warning).toMatch(/2028/);
  });
});

describe('working-day arithmetic on the calendar', () => {
  const day = fc.integer({ min: 0, max: 3 * 365 - 40 }).map((n) => addDays('2025-01-01', n));

  it('never gives a due date on a day off, and counts back exactly the days it added', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 20 }), (start, n) => {
        const due = addWorkingDays(start, n);
        expect(isWorkingDay(due)).toBe(true);
        if (n > 0) expect(workingDaysBetween(start, due)).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['2025-01-24', 3, '2025-02-05', 'across 春节 2025 with its working Sunday 1-26'],
    ['2025-09-26', 4, '2025-10-09', 'across 国庆节、中秋节 2025 with its working Sunday 9-28'],
    ['2026-02-13', 1, '2026-02-14', 'onto the adjusted Saturday 2026-02-14'],
    ['2026-09-30', 1, '2026-10-08', 'over 国庆节 2026'],
    ['2027-02-04', 1, '2027-02-09', 'over 春节 2027 (provisional: 除夕 to 初三)'],
  ])('%s + %i working days = %s (%s)', (start, n, due) => {
    expect(addWorkingDays(start, n)).toBe(due);
  });
});
