/** The few parts of lunar-javascript (which ships no types) the calendar test uses to recompute lunar holidays. */
declare module 'lunar-javascript' {
  interface Solar {
    toYmd(): string;
  }
  interface Lunar {
    getSolar(): Solar;
    next(days: number): Lunar;
    getJieQiTable(): Record<string, Solar>;
  }
  const lunar: { Lunar: { fromYmd(year: number, month: number, day: number): Lunar } };
  export default lunar;
}
