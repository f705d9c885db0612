/**
 * The shape of one year of the official calendar, as the State Council General Office's yearly notice
 * (国务院办公厅关于XXXX年部分节假日安排的通知) states it. One file per year, transcribed from the notice;
 * a year without a notice has no file (working-days.ts then refuses to answer for it), or a provisional one.
 */

/** A run of days off exactly as the notice writes it ("M月D日至D日放假调休"), weekends inside it included. */
export type HolidayRun = {
  /** The notice's own name for it, e.g. 春节, or 国庆节、中秋节 when the two are merged. */
  readonly name: string;
  readonly from: string;
  readonly to: string;
  /** The notice's clause this run (and its adjusted working days) comes from, word for word (provisional: the law's item). */
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
  /**
   * Set on a year whose notice is not out yet: its days off are only the statutory holidays of 《全国年节及纪念日放假办法》
   * (the law's own days, found by the lunar calendar), without the notice's bridging days, 补假 or 调休 working
   * weekends. Dates counted in it may still move; the service says so (start-up warning, `sla.provisional`).
   * Replace the file with the notice's transcription as soon as it is published.
   */
  readonly provisional?: true;
  readonly source: {
    /** The notice, or for a provisional year the law its days come from. */
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
