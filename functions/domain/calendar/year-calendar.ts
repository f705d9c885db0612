/**
 * The shape of one year of the official calendar, as the State Council General Office's yearly notice
 * (国务院办公厅关于XXXX年部分节假日安排的通知) states it. One file per year, transcribed from the notice;
 * a year without a notice has no file (working-days.ts then refuses to answer for it).
 */

/** A run of days off exactly as the notice writes it ("M月D日至D日放假调休"), weekends inside it included. */
export type HolidayRun = {
  /** The notice's own name for it, e.g. 春节, or 国庆节、中秋节 when the two are merged. */
  readonly name: string;
  readonly from: string;
  readonly to: string;
  /** The notice's clause this run (and its adjusted working days) comes from, word for word. */
  readonly clause: string;
};

/** A Saturday or Sunday the notice makes a working day ("M月D日（周六）上班"). */
export type AdjustedWorkingDay = {
  readonly date: string;
  /** The holiday it makes up for. */
  readonly for: string;
};

export type YearCalendar = {
  readonly year: number;
  readonly source: {
    readonly title: string;
    readonly documentNumber: string;
    readonly issuedOn: string;
    /** Where the text transcribed here was read. */
    readonly readAt: string;
    /** The official copy on gov.cn. */
    readonly officialUrl: string;
  };
  readonly holidays: readonly HolidayRun[];
  readonly adjustedWorkingDays: readonly AdjustedWorkingDay[];
};
